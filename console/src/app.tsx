import { useEffect, useState } from 'preact/hooks';
import { learnAccess, type Access } from './access';
import { tokenStore, UNAUTHENTICATED_EVENT } from './api';
import { asApiError } from './poll';
import { useRoute, type Route } from './route';
import { SignIn } from './views/sign-in';
import { OrderSearch } from './views/order-search';
import { OrderPage } from './views/order-page';
import { PrintView } from './views/print-view';
import { FinancePage } from './views/finance-page';
import { SupportPage } from './views/support-page';

type Session = { state: 'checking' } | { state: 'signed-out'; message?: string } | { state: 'signed-in'; access: Access };

export function App() {
  const [session, setSession] = useState<Session>(() => (tokenStore.get() ? { state: 'checking' } : { state: 'signed-out' }));
  const route = useRoute();

  const signIn = async (token: string): Promise<string | null> => {
    try {
      const access = await learnAccess(token);
      tokenStore.set(token);
      setSession({ state: 'signed-in', access });
      return null;
    } catch (error) {
      return asApiError(error).message;
    }
  };
  const signOut = (message?: string) => {
    tokenStore.clear();
    setSession({ state: 'signed-out', message });
  };

  useEffect(() => {
    // A token kept in this tab's sessionStorage (a reload): check it again before showing anything.
    const kept = tokenStore.get();
    if (session.state === 'checking' && kept) {
      learnAccess(kept).then((access) => setSession({ state: 'signed-in', access }), (error) => signOut(asApiError(error).message));
    }
    const expired = (event: Event) => signOut(`Signed out: ${(event as CustomEvent<string>).detail}`);
    window.addEventListener(UNAUTHENTICATED_EVENT, expired);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, expired);
  }, []);

  if (session.state === 'checking') return <main class="centered"><p role="status">Checking your session…</p></main>;
  if (session.state === 'signed-out') return <SignIn onSignIn={signIn} message={session.message} />;
  const { access } = session;
  if (route.page === 'print' && access.events) return <PrintView orderId={route.orderId} access={access} />;
  return (
    <>
      <header class="topbar">
        <a class="brand" href="#/">Order management</a>
        <nav aria-label="Sections">
          {access.events || access.orders ? <NavLink href="#/orders" active={route.page === 'orders' || route.page === 'order'}>Orders</NavLink> : null}
          {access.finance ? <NavLink href="#/finance" active={route.page === 'finance'}>Refunds</NavLink> : null}
          <NavLink href="#/support" active={route.page === 'support'}>Overdue</NavLink>
        </nav>
        <span class="who" data-testid="role">Signed in: {access.role}</span>
        <button type="button" class="link" onClick={() => signOut()}>Sign out</button>
      </header>
      <main id="main">{page(route, access)}</main>
    </>
  );
}

function page(route: Route, access: Access) {
  switch (route.page) {
    case 'order':
    case 'print':
      return access.events ? <OrderPage orderId={route.orderId} access={access} /> : <Denied what="order histories" />;
    case 'orders':
      return access.events || access.orders ? <OrderSearch access={access} /> : <Denied what="orders" />;
    case 'finance':
      return access.finance ? <FinancePage access={access} /> : <Denied what="refund reports" />;
    case 'support':
      return <SupportPage access={access} />;
    default:
      if (access.events) return <OrderSearch access={access} />;
      if (access.finance) return <FinancePage access={access} />;
      return <SupportPage access={access} />;
  }
}

function NavLink({ href, active, children }: { href: string; active: boolean; children: string }) {
  return <a href={href} aria-current={active ? 'page' : undefined}>{children}</a>;
}

function Denied({ what }: { what: string }) {
  return <section class="panel"><h1>Not available</h1><p>Your role may not read {what}.</p></section>;
}
