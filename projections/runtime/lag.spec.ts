import { runMigrations } from '@app/database';
import { eventStoreMigrations, PostgresEventStore } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '@app/harness/test-database';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { projectionLag } from './lag';
import { projectionRuntimeMigrations } from './migrations';
import { projectionStatuses } from './status';

/** Global reads trail commits while any transaction in the cluster is open (docs/event-store.md): wait for ours. */
async function visible(store: PostgresEventStore, count: number): Promise<void> {
  for (let i = 0; i < 2000 && (await store.countAfter(null)) < count; i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(await store.countAfter(null)).toBe(count);
}

const batch = (count: number) => Array.from({ length: count }, (_, n) => ({ eventId: randomUUID(), type: 'LagCounted', data: { n }, metadata: {} }));

describe('projection lag for /health', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase('projection_lag');
    pool = new Pool({ connectionString: database.url, max: 2 });
    await runMigrations(pool, [...eventStoreMigrations, ...projectionRuntimeMigrations]);
    store = new PostgresEventStore(pool);
    await store.append('lag-1', batch(8), 'no_stream');
    await visible(store, 8);
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await database?.drop();
  });

  it('stops counting at the cap and says so', async () => {
    await expect(projectionLag(store, 'capped', null, { cap: 5, cacheMs: 0 })).resolves.toEqual({ lag: 5, capped: true });
    await expect(projectionLag(store, 'uncapped', null, { cap: 100, cacheMs: 0 })).resolves.toEqual({ lag: 8, capped: false });
    await expect(store.countAfter(null, 3)).resolves.toBe(3);
  });

  it('/health shows a new projection as "at least the cap" behind instead of counting the whole log', async () => {
    const projection = { name: 'lag-shown', version: 1, ddl: () => '', apply: async () => undefined };
    const [status] = await projectionStatuses(pool, store, [projection], undefined, { cap: 5, cacheMs: 0 });
    expect(status).toMatchObject({ name: 'lag-shown', position: null, lag: 5, lagCapped: true });
  });

  it('reuses a count while the checkpoint stays, for cacheMs; a moved checkpoint is counted afresh', async () => {
    const options = { cap: 1000, cacheMs: 5000 };
    const t0 = 1_000_000;
    const first = await projectionLag(store, 'cached', null, options, t0);
    await store.append('lag-2', batch(2), 'no_stream');
    await visible(store, 10);
    await expect(projectionLag(store, 'cached', null, options, t0 + 1000)).resolves.toEqual(first);
    await expect(projectionLag(store, 'cached', null, options, t0 + 5000)).resolves.toEqual({ lag: first.lag + 2, capped: false });
    const [firstEvent] = await collectStream(store, 'lag-1');
    await expect(projectionLag(store, 'cached', firstEvent, options, t0 + 5001)).resolves.toEqual({ lag: first.lag + 1, capped: false });
  });
});

async function collectStream(store: PostgresEventStore, stream: string): Promise<string[]> {
  const positions: string[] = [];
  for await (const event of store.readStream(stream, { maxCount: 1 })) positions.push(event.position);
  return positions;
}
