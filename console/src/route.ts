import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes (#/orders/50001): the page never reloads and the service needs no fallback route.
 * They hold order ids and filters only, never the token.
 */
export type Route =
  | { page: 'orders' }
  | { page: 'order'; orderId: string }
  | { page: 'print'; orderId: string }
  | { page: 'finance' }
  | { page: 'support' }
  | { page: 'home' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'orders' && parts[1] && parts[2] === 'print') return { page: 'print', orderId: parts[1] };
  if (parts[0] === 'orders' && parts[1]) return { page: 'order', orderId: parts[1] };
  if (parts[0] === 'orders') return { page: 'orders' };
  if (parts[0] === 'finance') return { page: 'finance' };
  if (parts[0] === 'support') return { page: 'support' };
  return { page: 'home' };
}

export const orderHref = (orderId: string) => `#/orders/${encodeURIComponent(orderId)}`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}
