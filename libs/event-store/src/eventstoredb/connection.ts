import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString';

/** Cluster discovery bounds: the client's own defaults (10 rounds, 5 s per seed) hold a request for minutes. */
export interface DiscoveryBounds {
  maxDiscoverAttempts: number;
  discoveryIntervalMs: number;
  gossipTimeoutSeconds: number;
}

/**
 * The connection string with our discovery bounds added where it sets none of its own: an
 * operator's `?maxDiscoverAttempts=…` in EVENT_STORE_URL wins over EVENT_STORE_MAX_DISCOVER_ATTEMPTS.
 */
export function withDiscoveryBounds(connection: string, bounds: DiscoveryBounds): string {
  const set = parseConnectionString(connection);
  const added: string[] = [];
  if (set.maxDiscoverAttempts === undefined) added.push(`maxDiscoverAttempts=${bounds.maxDiscoverAttempts}`);
  if (set.discoveryInterval === undefined) added.push(`discoveryInterval=${bounds.discoveryIntervalMs}`);
  if (set.gossipTimeout === undefined) added.push(`gossipTimeout=${bounds.gossipTimeoutSeconds}`);
  if (added.length === 0) return connection;
  const base = connection.trim().replace(/\/+$/, '');
  return `${base}${base.includes('?') ? '&' : '?'}${added.join('&')}`;
}
