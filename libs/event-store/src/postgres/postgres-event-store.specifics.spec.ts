import { runMigrations } from '@app/database';
import { createTestDatabase, type TestDatabase } from '@app/harness/test-database';
import { Client, Pool } from 'pg';
import { collect, events, waitFor } from '../contract/helpers';
import { EventStoreUnavailableError } from '../event-store.port';
import { NOTIFY_CHANNEL } from './append-notifier';
import { appendStatement } from './append-statement';
import { NotifyListener } from './notify-listener';
import { eventStoreMigrations } from './migrations';
import { PostgresEventStore } from './postgres-event-store';

/** What only the PostgreSQL adapter has: its position format, the gap rule's cost, its failures. */
describe('PostgresEventStore specifics', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const admin = async <T>(fn: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase('event_store_specifics');
    pool = new Pool({ connectionString: database.url, max: 4 });
    pool.on('error', () => undefined);
    await runMigrations(pool, eventStoreMigrations);
    store = new PostgresEventStore(pool, { batchSize: 5 });
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await database?.drop();
  });

  it('an empty store has no head and nothing to count', async () => {
    expect(await store.headPosition()).toBeNull();
    expect(await store.countAfter(null)).toBe(0);
    expect(await collect(store.readAll())).toEqual([]);
  });

  it('positions are "<transaction id>-<global position>", 20 digits each; one append shares a transaction', async () => {
    const result = await store.append('specifics-format', events(12), 'no_stream');
    expect(result.position).toMatch(/^\d{20}-\d{20}$/);
    const all = await waitFor(async () => {
      const read = await collect(store.readAll());
      return read.length === 12 ? read : undefined;
    }, 'the append to be readable');
    // Numeric order even where text order would differ (global positions 9 and 10).
    expect(all.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(new Set(all.map((e) => e.position.slice(0, 20))).size).toBe(1);
    expect(all[11].position).toBe(result.position);
  });

  it('an open writing transaction holds global readers back until it ends, then they read past it in order', async () => {
    const head = (await store.headPosition()) ?? undefined;
    const held = new Client({ connectionString: database.url });
    await held.connect();
    try {
      await held.query('BEGIN');
      await held.query(appendStatement('specifics-held', events(1), 'no_stream'));
      const later = await store.append('specifics-later', events(1), 'no_stream');

      // The later append is committed and readable by stream, but not yet globally.
      expect(await collect(store.readStream('specifics-later'))).toHaveLength(1);
      expect(await collect(store.readAll({ after: head }))).toEqual([]);
      expect(await store.headPosition()).toBe(head ?? null);

      await held.query('COMMIT');
      const all = await waitFor(async () => {
        const read = await collect(store.readAll({ after: head }));
        return read.length === 2 ? read : undefined;
      }, 'both appends to be readable');
      // The held one started first: it comes first, though it committed last.
      expect(all.map((e) => e.streamId)).toEqual(['specifics-held', 'specifics-later']);
      expect(all[1].position).toBe(later.position);
    } finally {
      await held.end();
    }
  });

  it('store.close() ends its open subscriptions', async () => {
    const own = new PostgresEventStore(pool);
    const subscription = own.subscribeToAll();
    const loop = collect(subscription);
    await own.close();
    expect(Array.isArray(await loop)).toBe(true);
  });

  it('the listener reconnects after losing its connection, and wakes its subscribers meanwhile', async () => {
    // Tested on the listener itself: whether a woken subscription finds the event readable
    // depends on every other transaction in the cluster (the gap rule), not on the listener.
    const listener = new NotifyListener(pool.options, NOTIFY_CHANNEL);
    let wakes = 0;
    listener.register(() => (wakes += 1));
    try {
      const firstPid = await waitFor(() => listenPid(admin), 'the LISTEN connection');
      await notifiedOnce(() => wakes);

      await admin((c) => c.query('SELECT pg_terminate_backend($1)', [firstPid]));
      await waitFor(async () => {
        const pid = await listenPid(admin);
        return pid !== undefined && pid !== firstPid ? pid : undefined;
      }, 'a new LISTEN connection');
      await notifiedOnce(() => wakes);
    } finally {
      await listener.close();
    }
  });

  /** NOTIFYs until the listener is woken: a NOTIFY racing the LISTEN's own commit is not delivered. */
  async function notifiedOnce(wakes: () => number): Promise<void> {
    const before = wakes();
    await waitFor(async () => {
      await admin((c) => c.query(`NOTIFY ${NOTIFY_CHANNEL}`));
      await new Promise((r) => setTimeout(r, 50));
      return wakes() > before ? true : undefined;
    }, 'a notification to wake the listener');
  }

  it('a connection killed mid-append is EventStoreUnavailableError and writes nothing', async () => {
    const stream = 'specifics-killed';
    await store.append(stream, events(1), 'no_stream');
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    try {
      // Hold the stream's row lock so the append waits where we can see it, then kill it there.
      await blocker.query('BEGIN');
      await blocker.query('SELECT * FROM streams WHERE stream_id = $1 FOR UPDATE', [stream]);
      // Settled into a value at once: the rejection must not go unhandled while we wait.
      const appending = store.append(stream, events(2), 0).then(
        () => null,
        (error: unknown) => error,
      );
      const waitingPid = await waitFor(
        () =>
          admin(async (c) => {
            const { rows } = await c.query<{ pid: number }>(
              `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO events%'`,
            );
            return rows[0]?.pid;
          }),
        'the append to wait for the row lock',
      );
      await admin((c) => c.query('SELECT pg_terminate_backend($1)', [waitingPid]));
      expect(await appending).toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
    expect((await collect(store.readStream(stream))).map((e) => e.revision)).toEqual([0]);
    expect((await store.append(stream, events(1), 0)).revision).toBe(1);
  });

  it('an unreachable server is EventStoreUnavailableError', async () => {
    const nowhere = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    nowhere.on('error', () => undefined);
    const unreachable = new PostgresEventStore(nowhere);
    try {
      await expect(unreachable.append('s', events(1), 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(collect(unreachable.readAll())).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(collect(unreachable.readStream('s'))).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(unreachable.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await unreachable.close();
      await nowhere.end();
    }
  });
});

async function listenPid(admin: <T>(fn: (client: Client) => Promise<T>) => Promise<T>): Promise<number | undefined> {
  return admin(async (c) => {
    const { rows } = await c.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' ORDER BY backend_start DESC LIMIT 1`,
    );
    return rows[0]?.pid;
  });
}
