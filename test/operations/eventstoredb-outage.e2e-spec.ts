/**
 * The real app with EVENT_STORE_URL pointing at an EventStoreDB that is not there: a refused
 * port, a cluster none of whose seeds answers, a port that accepts and never answers. It must
 * start (the server may come up later), say why in /health, and answer commands 503, never 500.
 */
import { openSilentPort } from '../../libs/event-store/src/eventstoredb/silent-port';
import { ordersApi, startTestApp, type TestApp } from '@app/harness';

describe.each([
  ['a refused port', async () => ({ url: 'esdb://127.0.0.1:1?tls=false', close: async () => undefined })],
  ['a cluster with no answering seed', async () => ({ url: 'esdb://127.0.0.1:1,127.0.0.1:2?tls=false', close: async () => undefined })],
  [
    'a port that accepts and never answers',
    async () => {
      const silent = await openSilentPort();
      return { url: `esdb://127.0.0.1:${silent.port}?tls=false&defaultDeadline=1000`, close: silent.close };
    },
  ],
])('EventStoreDB unreachable: %s', (_case, server) => {
  let t: TestApp;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await server();
    close = opened.close;
    t = await startTestApp({ EVENT_STORE_URL: opened.url, EVENT_STORE_READ_TIMEOUT_MS: '500', MODE: 'api', LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await t?.close();
    await close?.();
  });

  it('starts, and /health answers 503 with eventStore down and the reason', async () => {
    const { status, body } = await t.http.get('/health').set(t.as('admin'));
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'down', eventStore: 'down', readModels: 'up' });
    expect(body.eventStoreError).toMatch(/EventStoreDB unavailable during ping|did not answer ping|no answer within/);
  });

  it('answers a command 503 (unavailable or outcome unknown) with Retry-After, never 500', async () => {
    const placed = await ordersApi(t).place(undefined, { 'Idempotency-Key': `outage-${Date.now()}` });
    expect(placed.status).toBe(503);
    expect(['unavailable', 'outcome_unknown']).toContain(placed.body.code);
    expect(placed.headers['retry-after']).toBe('2');
  });
});
