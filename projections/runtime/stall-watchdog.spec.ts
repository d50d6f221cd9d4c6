import { runMigrations } from '@app/database';
import { eventStoreMigrations, PostgresEventStore, type EventStore, type EventSubscription } from '@app/event-store';
import { Metrics } from '@app/observability';
import { createTestDatabase, type TestDatabase } from '@app/harness/test-database';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { migrationsFor } from './migrations';
import type { Projection } from './projection';
import { ProjectionRuntime } from './projection-runtime';
import { quoteIdent } from './schema-names';

/** Records every event id it is given: how far the projection got. */
const seenProjection: Projection = {
  name: 'stall-test',
  version: 1,
  ddl: (schema) => `CREATE TABLE ${quoteIdent(schema)}.seen (event_id uuid PRIMARY KEY);`,
  apply: async (client, schema, events) => {
    await client.query(`INSERT INTO ${quoteIdent(schema)}.seen SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING`, [events.map((e) => e.eventId)]);
  },
};

/**
 * The real PostgreSQL store, except that its live subscriptions freeze while `frozen` is set:
 * they hold the real subscription open and never yield (a dropped connection nobody noticed).
 */
function freezingSubscriptions(store: EventStore): EventStore & { frozen: boolean; subscriptions: number } {
  const state = { frozen: true, subscriptions: 0 };
  const subscribeToAll = (options?: { after?: string }): EventSubscription => {
    state.subscriptions += 1;
    const live = store.subscribeToAll(options);
    if (!state.frozen) return live;
    let release: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (release = resolve));
    const close = async () => {
      release();
      await live.close();
    };
    return {
      close,
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          await closed;
          return { done: true, value: undefined };
        },
        return: async () => {
          await close();
          return { done: true, value: undefined };
        },
      }),
    };
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'subscribeToAll') return subscribeToAll;
      if (property in state) return state[property as keyof typeof state];
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(_target, property, value) {
      if (property !== 'frozen') return false;
      state.frozen = value as boolean;
      return true;
    },
  }) as EventStore & { frozen: boolean; subscriptions: number };
}

const batch = (count: number) => Array.from({ length: count }, (_, n) => ({ eventId: randomUUID(), type: 'StallTested', data: { n }, metadata: {} }));

describe('projection runner watchdog', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let runtime: ProjectionRuntime | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('projection_stall');
    pool = new Pool({ connectionString: database.url, max: 6 });
    pool.on('error', () => undefined);
    await runMigrations(pool, [...eventStoreMigrations, ...migrationsFor([seenProjection])]);
    store = new PostgresEventStore(pool);
  });
  afterAll(async () => {
    await runtime?.stop();
    await store?.close();
    await pool?.end();
    await database?.drop();
  });

  const seen = async () => Number((await pool.query('SELECT count(*) FROM stall_test.seen')).rows[0].count);
  async function eventually(probe: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 1500; i += 1) {
      if (await probe()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  it('drops a subscription that froze while the log moved on, counts it, and the projection catches up', async () => {
    const freezing = freezingSubscriptions(store);
    const metrics = new Metrics();
    runtime = new ProjectionRuntime(pool, freezing, [seenProjection], {
      batchSize: 50,
      standbyRetryMs: 100,
      backoffBaseMs: 20,
      backoffMaxMs: 200,
      stopTimeoutMs: 5_000,
      stallMs: 300,
      onResubscribe: (projection) => metrics.projectionResubscriptions.inc({ projection }),
    });
    await store.append('stall-1', batch(5), 'no_stream');
    // Global reads trail commits while any transaction in the cluster is open: start once ours are readable.
    await eventually(async () => (await store.countAfter(null)) === 5, 'the first events to be readable');
    runtime.start();
    await eventually(async () => (await seen()) === 5, 'the first events');
    // The runner is now waiting on a subscription that will never deliver.
    await eventually(async () => freezing.subscriptions >= 1, 'the live subscription');
    await store.append('stall-2', batch(7), 'no_stream');

    await eventually(async () => (await seen()) === 12, 'the projection to catch up past the frozen subscription');
    const rendered = await metrics.render();
    const resubscribed = Number(/om_projection_resubscriptions_total\{projection="stall-test"\} (\d+)/.exec(rendered)?.[1] ?? 0);
    expect(resubscribed).toBeGreaterThanOrEqual(1);
    await eventually(async () => freezing.subscriptions >= 2, 'a new subscription after the frozen one');

    // Subscriptions that work again are followed as before.
    freezing.frozen = false;
    await store.append('stall-3', batch(3), 'no_stream');
    await eventually(async () => (await seen()) === 15, 'the projection to follow a working subscription');
  });
});
