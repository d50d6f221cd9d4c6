/**
 * One active deliverer per database: two app instances on the same data, exactly one holds the
 * delivery lock and delivers; when it stops, the standby takes over and delivers what follows.
 */
import { PostgresEventStore } from '@app/event-store';
import { startTestApp, uniqueId, expectOk, type TestApp } from '@app/harness';
import { OutboundDeliveryService } from '@app/projector/outbound/outbound-delivery.service';
import { startReceiver, type Receiver } from './support/receiver';
import { outboundApi } from './support/outbound-app';
import { orderingProblems, writeOrders } from './support/log-writer';

describe('one active deliverer, a standby taking over', () => {
  let first: TestApp;
  let second: TestApp;
  let receiver: Receiver;
  const stopped = new Set<TestApp>();

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({}, { databaseUrl: first.databaseUrl });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    // The second shares the first's database: it closes first; the first drops the database.
    for (const t of [second, first]) {
      if (!t) continue;
      if (!stopped.has(t)) await t.close();
      else {
        await t.pool.end();
        await t.db?.drop();
      }
    }
  });

  const active = (t: TestApp) => t.app.get(OutboundDeliveryService).runtime.active;

  it('delivers through one instance, then through the other once the first has stopped', async () => {
    await expectOk(outboundApi(first).create({ subscriptionId: uniqueId('sub'), sink: { type: 'webhook', url: receiver.url } }), 201);
    const store = new PostgresEventStore(first.pool);
    const before = await writeOrders(store, 10, 3, 2, uniqueId('o'));
    await receiver.waitFor(() => receiver.accepted.length >= 30);
    expect([active(first), active(second)].filter(Boolean)).toHaveLength(1);
    const [holder, standby] = active(first) ? [first, second] : [second, first];
    await holder.app.close();
    stopped.add(holder);
    const after = await writeOrders(new PostgresEventStore(standby.pool), 10, 3, 2, uniqueId('o'));
    await receiver.waitFor(() => new Set(receiver.accepted.map((r) => r.event.id)).size === 60, 30_000);
    expect(active(standby)).toBe(true);
    expect(orderingProblems([...before, ...after], receiver.accepted.map((r) => ({ id: r.event.id, subject: r.event.subject })))).toEqual([]);
  });
});
