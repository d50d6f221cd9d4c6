/**
 * kill -9 of the delivering process in the middle of a delivery, then a restart: every event
 * still arrives, each order's in revision order (a redelivery repeats the event in flight,
 * never goes back). The service runs as production runs it (the built app, MODE=all, a child
 * process); the log is written from the test through the event store port meanwhile.
 */
import { Pool } from 'pg';
import { PostgresEventStore } from '@app/event-store';
import { createTestDatabase, uniqueId, bearer, type TestDatabase } from '@app/harness';
import { buildOnce, killChildren, startChildApp, type ChildApp } from '@app/harness/child-process-app';
import { startReceiver, type Receiver } from './support/receiver';
import { orderingProblems, writeOrders } from './support/log-writer';

const ORDERS = 100;
const EVENTS_PER_ORDER = 10;

describe('delivery across a kill -9 and a restart', () => {
  let db: TestDatabase;
  let pool: Pool;
  let receiver: Receiver;
  let child: ChildApp | null = null;

  beforeAll(async () => {
    await buildOnce();
    db = await createTestDatabase('outbound_crash');
    pool = new Pool({ connectionString: db.url, max: 4 });
    pool.on('error', () => undefined);
    receiver = await startReceiver();
  }, 180_000);
  afterAll(async () => {
    await killChildren();
    await receiver?.close();
    await pool?.end();
    await db?.drop();
  });

  const start = () => startChildApp({ databaseUrl: db.url, env: { LOG_LEVEL: 'warn' } });

  it('loses nothing and reorders nothing', async () => {
    child = await start();
    const id = uniqueId('crash');
    const created = await fetch(`${child.url}/subscriptions`, {
      method: 'POST',
      headers: { ...bearer('admin'), 'content-type': 'application/json' },
      body: JSON.stringify({ subscriptionId: id, sink: { type: 'webhook', url: receiver.url }, startFrom: 'beginning' }),
    });
    expect(created.status).toBe(201);
    const store = new PostgresEventStore(pool);
    const writing = writeOrders(store, ORDERS, EVENTS_PER_ORDER, 4, uniqueId('o'));
    const total = ORDERS * EVENTS_PER_ORDER;
    // The kill lands while events are being written and delivered (up to 64 attempts in flight).
    await receiver.waitFor(() => receiver.received.length >= total / 4, 60_000);
    child.process.kill('SIGKILL');
    expect(await child.waitForExit(10_000)).toMatchObject({ signal: 'SIGKILL' });
    const atKill = receiver.received.length;
    const written = await writing;
    child = await start();
    await receiver.waitFor(() => new Set(receiver.accepted.map((r) => r.event.id)).size === total, 90_000);
    expect(atKill).toBeLessThan(total);
    expect(orderingProblems(written, receiver.accepted.map((r) => ({ id: r.event.id, subject: r.event.subject })))).toEqual([]);
    await child.stop();
  }, 240_000);
});
