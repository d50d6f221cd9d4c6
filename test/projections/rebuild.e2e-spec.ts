/**
 * Rebuild beside the live tables and swap in one transaction: readers always see a complete
 * model, writes that land during the rebuild are in the result, the live runner carries on.
 */
import { orderStatusProjection, listOrderSummaries } from '@app/projections/order-status';
import { rebuildProjection, RebuildInProgressError, type Projection } from '@app/projections/runtime';
import { seededRng } from '@app/harness/order-lifecycle';
import { checkpointOf, createProjectionDb, eventually, expectedViews, snapshotOrders, storedViews, type ProjectionDb } from './support/projection-db';

describe('projection rebuild and swap', () => {
  let t: ProjectionDb;

  beforeAll(async () => {
    t = await createProjectionDb('rebuild');
    await t.fill({ orders: 150, rng: seededRng(21), active: 40 });
  });

  afterAll(() => t?.close());
  afterEach(() => t.stopRuntimes());

  it('keeps answering complete reads during a rebuild, includes writes made meanwhile, and swaps', async () => {
    const runtime = t.runtime([orderStatusProjection], { batchSize: 200 });
    runtime.start();
    expect(await runtime.waitForHead(20_000)).toBe(true);
    const before = await snapshotOrders(t.pool);
    const orders = before.length;

    // Readers hammer the live table for the whole rebuild; every answer must be the complete model.
    let reading = true;
    const counts: number[] = [];
    const readers = [1, 2].map(async () => {
      while (reading) {
        const { items } = await listOrderSummaries(t.pool, { limit: 500 });
        counts.push(items.length);
      }
    });
    let progressCalls = 0;
    const rebuilt = rebuildProjection(t.pool, t.store, orderStatusProjection, {
      batchSize: 25, // slow on purpose, so reads and writes overlap it
      onProgress: () => {
        progressCalls += 1;
      },
    });
    // New orders while the rebuild folds: the live runner applies them, the rebuild must too.
    await t.fill({ orders: 20, rng: seededRng(22), prefix: 'during' });
    const result = await rebuilt;
    reading = false;
    await Promise.all(readers);

    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((n) => n >= orders)).toBe(true);
    expect(progressCalls).toBeGreaterThan(1);
    expect(result).toMatchObject({ name: 'order-status', version: orderStatusProjection.version });
    expect(result.events).toBeGreaterThan(0);

    expect(await runtime.waitForHead(20_000)).toBe(true);
    expect(await storedViews(t.pool)).toEqual(await expectedViews(t.store));
    const { rows } = await t.pool.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'order_status%' ORDER BY 1");
    expect(rows.map((r) => r.nspname)).toEqual(['order_status']);
    // The swap's checkpoint is honoured: events are counted once, by the rebuild or by the runner.
    const checkpoint = await checkpointOf(t.pool, 'order-status');
    expect(checkpoint.position).toBe(await t.store.headPosition());
  });

  it('refuses a second rebuild of the same projection while one runs', async () => {
    const first = rebuildProjection(t.pool, t.store, orderStatusProjection, { batchSize: 20 });
    // Give the first one time to take its lock (it takes it before doing anything else).
    await new Promise((r) => setTimeout(r, 50));
    await expect(rebuildProjection(t.pool, t.store, orderStatusProjection, { batchSize: 20 })).rejects.toBeInstanceOf(RebuildInProgressError);
    await first;
  });

  it('rebuilds on start when the code is a newer version than the tables, then follows', async () => {
    const newer: Projection = { ...orderStatusProjection, version: orderStatusProjection.version + 1 };
    const runtime = t.runtime([newer], { batchSize: 200 });
    runtime.start();
    // Meanwhile the current version's tables (already at the head) keep answering.
    await eventually(async () => (await checkpointOf(t.pool, 'order-status')).version === newer.version);
    expect(await runtime.waitForHead(20_000)).toBe(true);
    expect(await storedViews(t.pool)).toEqual(await expectedViews(t.store));

    // An older build now stands by instead of writing into the newer version's tables.
    await t.stopRuntimes();
    const old = t.runtime([orderStatusProjection]);
    old.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(old.runner('order-status')?.state).toBe('standby');
  });
});
