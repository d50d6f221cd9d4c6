/** A fresh database with the event store and every projection's schema, for runtime-level tests. */
import { runMigrations } from '@app/database';
import { eventStoreMigrations, orderIdFromStream, PostgresEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import { toOrderView, type OrderView } from '@app/ordering';
import { foldHistory } from '@app/order-fold';
import { projectionMigrations } from '@app/projections/registry';
import { ProjectionRuntime, type Projection, type RuntimeOptions } from '@app/projections/runtime';
import { createTestDatabase, type TestDatabase } from '@app/harness';
import { Pool } from 'pg';
import { fillStore, type FillOptions } from '@app/harness/fill-store';

export interface ProjectionDb {
  /** Random order lifecycles through the store port; resolves once all of them are readable. */
  fill(options: FillOptions): Promise<number>;
  db: TestDatabase;
  pool: Pool;
  store: PostgresEventStore;
  /** A runtime over this database with test timings (fast standby and retries); stopped by close(). */
  runtime(projections: readonly Projection[], options?: Partial<RuntimeOptions>): ProjectionRuntime;
  /** Stops every runtime made so far (their locks are released). */
  stopRuntimes(): Promise<void>;
  close(): Promise<void>;
}

export const FAST: Partial<RuntimeOptions> = { standbyRetryMs: 100, backoffBaseMs: 20, backoffMaxMs: 200, stopTimeoutMs: 5_000 };

export async function createProjectionDb(label: string, projections?: readonly Projection[]): Promise<ProjectionDb> {
  const db = await createTestDatabase(label);
  const pool = new Pool({ connectionString: db.url, max: 8 });
  // pool.end() resolves before its sockets close; the database drop that follows may then
  // terminate them, and an 'error' event without a listener would crash the test process.
  pool.on('error', () => undefined);
  pool.on('error', () => undefined); // an idle client whose session a test terminates
  await runMigrations(pool, [...eventStoreMigrations, ...projectionMigrations(projections)]);
  const store = new PostgresEventStore(pool, { pollIntervalMs: 100 });
  const runtimes: ProjectionRuntime[] = [];
  let appended = 0;
  return {
    async fill(options) {
      appended += await fillStore(store, options);
      await settled(store, appended);
      return appended;
    },
    db,
    pool,
    store,
    runtime(list, options = {}) {
      const runtime = new ProjectionRuntime(pool, store, list, { batchSize: 100, ...FAST, ...options });
      runtimes.push(runtime);
      return runtime;
    },
    async stopRuntimes() {
      await Promise.all(runtimes.splice(0).map((r) => r.stop()));
    },
    async close() {
      await Promise.all(runtimes.map((r) => r.stop()));
      await store.close();
      await pool.end();
      await db.drop();
    },
  };
}

export async function readAllEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

/** What a rebuild must give: every order folded from its whole stream with the shared fold. */
export async function expectedViews(store: EventStore): Promise<Map<string, OrderView>> {
  const byOrder = new Map<string, RecordedEvent[]>();
  for (const event of await readAllEvents(store)) {
    const orderId = orderIdFromStream(event.streamId);
    if (orderId === null) continue;
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), event]);
  }
  return new Map([...byOrder].map(([id, events]) => [id, toOrderView(foldHistory(events))]));
}

export interface OrderRowSnapshot {
  order_id: string;
  status: string;
  customer_id: string;
  revision: string;
  placed_at: string;
  /** Parsed: its key order depends on where batches split an order's events (the content does not). */
  state: unknown;
  /** As stored, byte for byte: the served view has one documented key order. */
  view: string;
}

/** Every row, to compare two read models. */
export async function snapshotOrders(pool: Pool, schema = 'order_status'): Promise<OrderRowSnapshot[]> {
  const { rows } = await pool.query<OrderRowSnapshot>(
    `SELECT order_id, status, customer_id, revision::text AS revision, placed_at::text AS placed_at, state, view::text AS view
     FROM ${schema}.orders ORDER BY order_id`,
  );
  return rows;
}

/**
 * Waits until the store lets readers see `count` events. Test databases share one cluster, and
 * the gap rule holds back events committed after any still-running writer (of any database).
 */
export async function settled(store: PostgresEventStore, count: number): Promise<void> {
  await eventually(async () => (await store.countAfter(null)) >= count);
}

export async function storedViews(pool: Pool): Promise<Map<string, OrderView>> {
  const { rows } = await pool.query<{ order_id: string; view: OrderView }>('SELECT order_id, view FROM order_status.orders');
  return new Map(rows.map((r) => [r.order_id, r.view]));
}

export async function checkpointOf(pool: Pool, name: string) {
  const { rows } = await pool.query<{ position: string | null; state: string; last_error: string | null; failed_position: string | null; version: number; events_applied: string }>(
    'SELECT position, state, last_error, failed_position, version, events_applied::text AS events_applied FROM projection_checkpoints WHERE name = $1',
    [name],
  );
  return rows[0];
}

/** Polls until `check` holds (for states that have no position to wait for, e.g. `failed`). No timing is asserted. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
