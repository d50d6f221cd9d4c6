import { runMigrations } from '@app/database';
import { createTestDatabase, type TestDatabase } from '@app/harness/test-database';
import { DeadlineExceededError } from '@eventstore/db-client';
import { Pool } from 'pg';
import { events, uniqueStream } from '../contract/helpers';
import { EventStoreOutcomeUnknownError, EventStoreUnavailableError } from '../event-store.port';
import { eventStoreMigrations } from '../postgres/migrations';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { resolveUnconfirmedAppend } from './append-outcome';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// The read-back runs on any store's readStream: here a real PostgreSQL store holds the stream,
// and the unanswered append is the client's own DeadlineExceededError.
describe('an append whose answer never came', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const timedOut = new DeadlineExceededError(undefined, 'timed out while waiting for commit');

  beforeAll(async () => {
    database = await createTestDatabase('esdb_append_outcome');
    pool = new Pool({ connectionString: database.url, max: 2 });
    await runMigrations(pool, eventStoreMigrations);
    store = new PostgresEventStore(pool);
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await database?.drop();
  });

  it.each(['no_stream', 1, 'any'] as const)('was written (expected %s): answers as its success with the stored revision and position', async (expected) => {
    const stream = uniqueStream('outcome');
    if (expected !== 'no_stream') await store.append(stream, events(2), 'no_stream');
    const batch = events(3);
    const written = await store.append(stream, batch, expected);
    await expect(resolveUnconfirmedAppend(store, stream, batch, expected, timedOut)).resolves.toEqual(written);
  });

  it.each(['no_stream', 1, 'any'] as const)('was not written (expected %s): unavailable, nothing written', async (expected) => {
    const stream = uniqueStream('outcome');
    if (expected !== 'no_stream') await store.append(stream, events(2), 'no_stream');
    // Someone else's events sit where ours would have gone.
    if (expected !== 'any') await store.append(stream, events(3), expected);
    const failure = resolveUnconfirmedAppend(store, stream, events(3), expected, timedOut);
    await expect(failure).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(failure).rejects.toThrow(/none of its events is stored/);
  });

  it('cannot be read back either: outcome unknown', async () => {
    const unreachable = new EventStoreDbEventStore('esdb://127.0.0.1:1?tls=false', { readTimeoutMs: 2000 });
    try {
      const failure = resolveUnconfirmedAppend(unreachable, 'order-9', events(1), 'no_stream', timedOut);
      await expect(failure).rejects.toBeInstanceOf(EventStoreOutcomeUnknownError);
      await expect(failure).rejects.toMatchObject({ code: 'outcome_unknown', cause: timedOut });
    } finally {
      await unreachable.close();
    }
  });
});
