/**
 * Access: every route the running app publishes in /docs-json (so a new route is covered the
 * day it is added) × every role × no token and bad tokens, against the access table of the
 * spec (docs/http-api.md "Access", refined by the issue). Only the auth outcome is asserted: 401, 403,
 * or "neither" (whatever the handler then answers). A refused request writes nothing.
 */
import { ROLES, type Role } from '@app/auth';
import { expectOk, orderBody, ordersApi, startTestApp, TOKENS, type TestApp } from '@app/harness';
import { report } from './support/http';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Route {
  method: Method;
  path: string;
}

/** What each role may do, from the route's shape. Unknown routes are admin-only (the guard's default). */
function allowedRoles(route: Route): readonly Role[] | 'public' {
  const { method, path } = route;
  if (path === '/health' || path.startsWith('/health/')) return 'public';
  if (path === '/docs' || path === '/docs-json') return ['service', 'auditor', 'finance', 'admin'];
  // The customer's tracking page: the link is the key (docs/tracking.md).
  if (method === 'get' && path === '/track/{token}') return 'public';
  if (method === 'get' && path === '/orders/{orderId}/tracking-link') return ['service', 'admin'];
  if (method === 'get' && path === '/orders/{orderId}/notifications') return ['service', 'admin'];
  if (path.startsWith('/admin/') || path === '/admin') return ['admin'];
  const orderRead = method === 'get' && (path === '/orders' || path === '/orders/{orderId}');
  if (orderRead) return ['service', 'auditor', 'finance', 'admin'];
  if (method === 'post' && (path === '/orders' || path.startsWith('/orders/{orderId}/'))) return ['service', 'admin'];
  if (method === 'get' && path === '/orders/{orderId}/events') return ['service', 'auditor', 'admin'];
  if (method === 'get' && (path === '/orders/{orderId}/state' || path === '/orders/{orderId}/verify')) return ['auditor', 'admin'];
  if (method === 'get' && path === '/audit/checkpoints') return ['auditor', 'admin'];
  // After-sales service quality is customer service's report (issue #19.4), not finance's.
  if (method === 'get' && path === '/reports/after-sales') return ['service', 'admin'];
  if (method === 'get' && path.startsWith('/reports/')) return ['finance', 'admin'];
  if (method === 'get' && path === '/sla/timers') return ['service', 'auditor', 'finance', 'admin'];
  return ['admin'];
}

const BAD_CREDENTIALS: Record<string, Record<string, string>> = {
  'no token': {},
  'unknown token': { authorization: 'Bearer not-a-token-of-this-server-000' },
  'a token with one character more': { authorization: `Bearer ${TOKENS.admin}x` },
  'a token with one character less': { authorization: `Bearer ${TOKENS.admin.slice(0, -1)}` },
  'basic scheme': { authorization: `Basic ${Buffer.from(`admin:${TOKENS.admin}`).toString('base64')}` },
  'empty bearer': { authorization: 'Bearer ' },
};

describe('access matrix: every published route × every role × no or bad token', () => {
  let t: TestApp;
  let routes: Route[];
  let orderId: string;

  beforeAll(async () => {
    // Hundreds of requests without a valid token from one address, on purpose: no throttling here.
    t = await startTestApp({ RATE_LIMIT_ANONYMOUS: '0' });
    const body = orderBody();
    orderId = String(body.orderId);
    await expectOk(ordersApi(t).place(body), 201);
    const docs = await t.http.get('/docs-json').set(t.as('service'));
    expect(docs.status).toBe(200);
    routes = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).filter((m): m is Method => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((method) => ({ method, path })),
    );
    // Served beside the OpenAPI document, not described in it.
    for (const path of ['/metrics', '/docs', '/docs-json']) if (!routes.some((r) => r.path === path)) routes.push({ method: 'get', path });
  });

  afterAll(() => t?.close());

  const urlOf = (route: Route) =>
    route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'orderId' ? orderId : 'no-such-1'));

  async function send(route: Route, headers: Record<string, string>) {
    const url = urlOf(route);
    const request = route.method === 'get' ? t.http.get(url) : t.http[route.method](url).send({});
    return request.set(headers);
  }

  const eventCount = async () => Number((await t.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n);

  it('publishes the routes the table is about', () => {
    const paths = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const expected of ['post /orders', 'get /orders', 'get /orders/{orderId}', 'get /orders/{orderId}/events', 'get /orders/{orderId}/state',
      'get /orders/{orderId}/verify', 'get /sla/timers', 'get /reports/refunds', 'get /admin/projections', 'post /orders/{orderId}/refunds']) {
      expect(paths).toContain(expected);
    }
    expect(routes.length).toBeGreaterThanOrEqual(30);
  });

  it('answers 401 without a valid bearer token and 403 to a role outside the table, writing nothing', async () => {
    const before = await eventCount();
    const mismatches: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const allowed = allowedRoles(route);
      if (allowed === 'public') continue;
      for (const [label, headers] of Object.entries(BAD_CREDENTIALS)) {
        const response = await send(route, headers);
        requests += 1;
        if (response.status !== 401) mismatches.push(`${route.method} ${route.path} with ${label}: ${response.status}`);
        else if (response.body.code !== 'unauthenticated' || !/problem\+json/.test(response.headers['content-type'])) {
          mismatches.push(`${route.method} ${route.path} with ${label}: 401 without the unauthenticated problem`);
        }
      }
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        const response = await send(route, { Authorization: `Bearer ${TOKENS[role]}` });
        requests += 1;
        if (response.status !== 403 || response.body.code !== 'forbidden') mismatches.push(`${route.method} ${route.path} as ${role}: ${response.status}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(await eventCount()).toBe(before);
    report('access', { routes: routes.length, refusedRequests: requests });
  });

  it('lets every role in the table through (the handler answers, not the guard), and the public routes without a token', async () => {
    const mismatches: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const allowed = allowedRoles(route);
      const callers: Array<[string, Record<string, string>]> = allowed === 'public'
        ? [['no token', {}], ...ROLES.map((r): [string, Record<string, string>] => [r, { Authorization: `Bearer ${TOKENS[r]}` }])]
        : allowed.map((r): [string, Record<string, string>] => [r, { Authorization: `Bearer ${TOKENS[r]}` }]);
      for (const [label, headers] of callers) {
        const response = await send(route, headers);
        requests += 1;
        if (response.status === 401 || response.status === 403) mismatches.push(`${route.method} ${route.path} as ${label}: ${response.status}`);
      }
    }
    expect(mismatches).toEqual([]);
    report('access', { allowedRequests: requests });
  });
});
