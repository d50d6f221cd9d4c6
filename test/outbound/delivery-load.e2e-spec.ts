/**
 * Many orders under concurrent writes: 200 orders × 10 events appended by 8 writers while
 * delivery runs. The receiver refuses one attempt in ten (503, Retry-After: 0): every event
 * arrives, each order's in revision order. A second subscription whose endpoint never answers
 * does not keep the first from finishing.
 */
import { PostgresEventStore } from '@app/event-store';
import { startTestApp, uniqueId, expectOk, type TestApp } from '@app/harness';
import { eventually, startReceiver, type Receiver } from './support/receiver';
import { outboundApi } from './support/outbound-app';
import { orderingProblems, writeOrders } from './support/log-writer';

const ORDERS = 200;
const EVENTS_PER_ORDER = 10;

describe('delivery of many orders under concurrent writes', () => {
  let t: TestApp;
  let api: ReturnType<typeof outboundApi>;
  let good: Receiver;
  let silent: Receiver;
  let store: PostgresEventStore;

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_TIMEOUT_MS: '2000' });
    api = outboundApi(t);
    good = await startReceiver();
    silent = await startReceiver();
    store = new PostgresEventStore(t.pool);
  });
  afterAll(async () => {
    await good?.close();
    await silent?.close();
    await t?.close();
  });

  it('delivers every event, per order in revision order, none missing', async () => {
    good.answer(() => (Math.random() < 0.1 ? { status: 503, headers: { 'retry-after': '0' } } : { status: 200 }));
    silent.answer(() => ({ status: 0, hang: true }));
    const id = uniqueId('load');
    await expectOk(api.create({ subscriptionId: id, sink: { type: 'webhook', url: good.url } }), 201);
    await expectOk(api.create({ subscriptionId: uniqueId('silent'), sink: { type: 'webhook', url: silent.url } }), 201);
    const written = await writeOrders(store, ORDERS, EVENTS_PER_ORDER, 8, uniqueId('o'));
    const total = ORDERS * EVENTS_PER_ORDER;
    await good.waitFor(() => new Set(good.accepted.map((r) => r.event.id)).size === total, 100_000);
    expect(orderingProblems(written, good.accepted.map((r) => ({ id: r.event.id, subject: r.event.subject })))).toEqual([]);
    // Refused attempts were retried (the same id again), and recorded as such.
    expect(good.received.length).toBeGreaterThan(total);
    await eventually(async () => (await api.get(id)).body.delivered === total, 10_000, 'all recorded');
    expect((await expectOk(api.get(id))).body).toMatchObject({ state: 'active', lag: { events: 0 } });
  }, 120_000);
});
