import { runMigrations } from '@app/database';
import { Client, Pool } from 'pg';
import type { ContractFixture } from '../contract/event-store.contract';
import type { NewEvent } from '../event-store.port';
import { appendStatement } from './append-statement';
import { eventStoreMigrations } from './migrations';
import { PostgresEventStore } from './postgres-event-store';

/**
 * The contract's fixture over a database at `url`: migrated, with small pages so that every
 * paged read really pages, and a held-open append made with the adapter's own statement.
 */
export async function postgresContractFixture(url: string, dropDatabase: () => Promise<void>): Promise<ContractFixture> {
  const pool = new Pool({ connectionString: url, max: 10 });
  // pool.end() resolves before its sockets close; the database drop that follows may then
  // terminate them, and an 'error' event without a listener would crash the test process.
  pool.on('error', () => undefined);
  pool.on('error', () => undefined); // an idle client dropped at teardown must not crash the run
  await runMigrations(pool, eventStoreMigrations);
  const store = new PostgresEventStore(pool, { batchSize: 4, pollIntervalMs: 100 });
  const openClients = new Set<Client>();

  return {
    store,
    async holdOpenAppend(streamId: string, events: NewEvent[]) {
      const client = new Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect();
      openClients.add(client);
      await client.query('BEGIN');
      const { rows } = await client.query(appendStatement(streamId, events, 'no_stream'));
      if (rows.length !== 1) throw new Error(`held append to ${streamId} did not append`);
      return {
        async commit() {
          await client.query('COMMIT');
          openClients.delete(client);
          await client.end();
        },
      };
    },
    async teardown() {
      // A test that failed while holding a transaction open must not hold the others back.
      await Promise.all([...openClients].map((c) => c.end().catch(() => undefined)));
      await store.close();
      await pool.end();
      await dropDatabase();
    },
  };
}
