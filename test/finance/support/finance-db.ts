/** A fresh database with the event store's and the finance projection's schema, no app around it. */
import { Pool } from 'pg';
import { runMigrations } from '@app/database';
import { eventStoreMigrations, orderStream, type NewEvent, type RecordedEvent } from '@app/event-store';
import { financeProjection } from '@app/projections/finance';
import { inTransaction, migrationsFor } from '@app/projections/runtime';
import { createTestDatabase, type TestDatabase } from '@app/harness';

export interface FinanceDb {
  db: TestDatabase;
  pool: Pool;
  close(): Promise<void>;
}

export async function openFinanceDb(label = 'finance'): Promise<FinanceDb> {
  const db = await createTestDatabase(label);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  // pool.end() resolves before its sockets close; the database drop that follows may then
  // terminate them, and an 'error' event without a listener would crash the test process.
  pool.on('error', () => undefined);
  await runMigrations(pool, [...eventStoreMigrations, ...migrationsFor([financeProjection])]);
  return {
    db,
    pool,
    close: async () => {
      await pool.end();
      await db.drop();
    },
  };
}

let position = 0;

/** An event as readAll would give it, in order stream `order-<orderId>`. */
export function recorded(orderId: string, event: NewEvent, revision = 0): RecordedEvent {
  position += 1;
  return {
    ...event,
    streamId: orderStream(orderId),
    revision,
    position: String(position).padStart(20, '0'),
    recordedAt: new Date('2030-01-01T00:00:00.000Z'),
  };
}

/** Applies one batch the way the runtime does: in a transaction of its own. */
export async function applyBatch(pool: Pool, schema: string, events: RecordedEvent[]): Promise<void> {
  await inTransaction(pool, (client) => financeProjection.apply(client, schema, events));
}

/** Every row of the three tables, in a stable order, to compare two states of a schema. */
export async function snapshot(pool: Pool, schema: string): Promise<Record<string, unknown[]>> {
  const read = async (table: string, order: string) => (await pool.query(`SELECT * FROM "${schema}".${table} ORDER BY ${order}`)).rows;
  return {
    orders: await read('orders', 'order_id'),
    refunds: (await read('refunds', 'order_id, refund_id')).map(({ event_id: _eventId, ...row }) => row),
    refund_daily: await read('refund_daily', 'dimension, day, currency, key'),
  };
}
