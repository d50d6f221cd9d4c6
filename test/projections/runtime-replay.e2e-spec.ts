/**
 * The runtime's transaction guarantees on a real database: a batch and its checkpoint commit
 * together, so replays and aborted batches never change the result, and a failing handler is
 * shown with its position, retried, and recovers without skipping anything.
 */
import type { RecordedEvent } from '@app/event-store';
import { orderStatusProjection } from '@app/projections/order-status';
import { inTransaction, rebuildProjection } from '@app/projections/runtime';
import { faulty } from './support/faulty-projection';
import { seededRng } from '@app/harness/order-lifecycle';
import {
  checkpointOf, createProjectionDb, eventually, expectedViews, readAllEvents, snapshotOrders, storedViews, type ProjectionDb,
} from './support/projection-db';

describe('projection runtime: replay, abort, failure', () => {
  let t: ProjectionDb;
  let events: RecordedEvent[];

  beforeAll(async () => {
    t = await createProjectionDb('runtime_replay');
    await t.fill({ orders: 60, rng: seededRng(7), active: 20 });
    events = await readAllEvents(t.store);
  });

  afterAll(() => t?.close());

  afterEach(() => t.stopRuntimes());

  beforeEach(async () => {
    await t.pool.query("TRUNCATE order_status.orders; UPDATE projection_checkpoints SET position = NULL, events_applied = 0, state = 'idle'");
  });

  async function applyDirectly(batch: RecordedEvent[]): Promise<void> {
    await inTransaction(t.pool, (client) => orderStatusProjection.apply(client, 'order_status', batch));
  }

  it('changes nothing when the same batch is applied twice', async () => {
    expect(events.length).toBeGreaterThan(300);
    const batches: RecordedEvent[][] = [];
    for (let i = 0; i < events.length; i += 97) batches.push(events.slice(i, i + 97));
    for (const batch of batches) await applyDirectly(batch);
    const once = await snapshotOrders(t.pool);
    for (const batch of batches) {
      await applyDirectly(batch);
      await applyDirectly(batch);
    }
    expect(await snapshotOrders(t.pool)).toEqual(once);
    // And overlapping replays (a batch's tail again with the next one) too.
    await applyDirectly(events.slice(50, 400));
    expect(await snapshotOrders(t.pool)).toEqual(once);
    expect(await storedViews(t.pool)).toEqual(await expectedViews(t.store));
  });

  it('replays from an older checkpoint to the same rows', async () => {
    const runtime = t.runtime([orderStatusProjection], { batchSize: 50 });
    runtime.start();
    expect(await runtime.waitForHead(20_000)).toBe(true);
    await runtime.stop();
    const first = await snapshotOrders(t.pool);
    // As if the checkpoint had been lost: everything comes again.
    await t.pool.query("UPDATE projection_checkpoints SET position = NULL WHERE name = 'order-status'");
    const again = t.runtime([orderStatusProjection], { batchSize: 50 });
    again.start();
    expect(await again.waitForHead(20_000)).toBe(true);
    expect(await snapshotOrders(t.pool)).toEqual(first);
    expect(Number((await checkpointOf(t.pool, 'order-status')).events_applied)).toBe(2 * events.length);
  });

  it('rolls back a batch aborted after apply and ends equal to a full rebuild', async () => {
    let aborted = 0;
    // The third batch writes its rows, then its transaction aborts before the checkpoint (twice).
    const projection = faulty(orderStatusProjection, (batch) => batch[0].eventId === events[100].eventId && (aborted += 1) <= 2);
    const runtime = t.runtime([projection], { batchSize: 50 });
    runtime.start();
    expect(await runtime.waitForHead(20_000)).toBe(true);
    expect(aborted).toBeGreaterThanOrEqual(2);
    const projected = await snapshotOrders(t.pool);
    await runtime.stop();

    await rebuildProjection(t.pool, t.store, orderStatusProjection, { batchSize: 500 });
    expect(await snapshotOrders(t.pool)).toEqual(projected);
    expect(await storedViews(t.pool)).toEqual(await expectedViews(t.store));
  });

  it('shows failed at the failing event, keeps what came before, and recovers once the cause is fixed', async () => {
    const poison = events[137];
    let broken = true;
    const projection = faulty(orderStatusProjection, (batch) => broken && batch.some((e) => e.eventId === poison.eventId), 'cannot handle this event');
    const runtime = t.runtime([projection], { batchSize: 50 });
    runtime.start();

    await eventually(async () => (await checkpointOf(t.pool, 'order-status')).state === 'failed');
    const failed = await checkpointOf(t.pool, 'order-status');
    expect(failed.failed_position).toBe(poison.position);
    expect(failed.last_error).toContain('cannot handle this event');
    // Bisection committed everything before the bad event, and nothing from it on.
    expect(failed.position).toBe(events[136].position);
    const [status] = await runtime.status();
    expect(status).toMatchObject({ name: 'order-status', state: 'failed', failedPosition: poison.position, position: events[136].position });
    expect(status.lag).toBe(events.length - 137);
    // It keeps retrying (with backoff) and never skips the event.
    await new Promise((r) => setTimeout(r, 300));
    expect((await checkpointOf(t.pool, 'order-status')).position).toBe(events[136].position);

    broken = false;
    expect(await runtime.waitForHead(20_000)).toBe(true);
    await eventually(async () => (await checkpointOf(t.pool, 'order-status')).state === 'running');
    const recovered = await checkpointOf(t.pool, 'order-status');
    expect(recovered.failed_position).toBeNull();
    expect(recovered.last_error).toBeNull();
    expect(Number(recovered.events_applied)).toBe(events.length);
    expect(await storedViews(t.pool)).toEqual(await expectedViews(t.store));
  });
});
