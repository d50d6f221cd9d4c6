/** A test database holding sla-timers schemas, fed batches by hand (the runtime's job in the app). */
import type { RecordedEvent } from '@app/event-store';
import type { Projection } from '@app/projections/runtime';
import { inTransaction, quoteIdent } from '@app/projections/runtime';
import { slaActionsMigrations } from '@app/projections/sla-timers';
import { createTestDatabase, type TestDatabase } from '@app/harness';
import { Pool } from 'pg';

export interface TimerRowView {
  timerId: string;
  orderId: string;
  kind: string;
  subjectId: string;
  startedAt: string;
  dueAt: string;
  stoppedAt: string | null;
  state: string;
  duration: string;
  currency: string;
  refundPreview: Record<string, unknown> | null;
}

export interface SlaDb {
  db: TestDatabase;
  pool: Pool;
  createSchema(schema: string, projection: Projection): Promise<void>;
  /** One batch, in one transaction, as the runtime commits it. */
  apply(projection: Projection, schema: string, events: RecordedEvent[]): Promise<void>;
  timers(schema: string, orderId?: string): Promise<TimerRowView[]>;
  close(): Promise<void>;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function createSlaDb(label: string): Promise<SlaDb> {
  const db = await createTestDatabase(label);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  // pool.end() resolves before its sockets close; the database drop that follows may then
  // terminate them, and an 'error' event without a listener would crash the test process.
  pool.on('error', () => undefined);
  for (const m of slaActionsMigrations) await pool.query(m.sql);
  return {
    db,
    pool,
    async createSchema(schema, projection) {
      await pool.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
      await pool.query(projection.ddl(schema));
    },
    async apply(projection, schema, events) {
      await inTransaction(pool, (client) => projection.apply(client, schema, events));
    },
    async timers(schema, orderId) {
      const { rows } = await pool.query<TimerRowView>(
        `SELECT timer_id AS "timerId", order_id AS "orderId", kind, subject_id AS "subjectId",
                ${ISO('started_at')} AS "startedAt", ${ISO('due_at')} AS "dueAt", ${ISO('stopped_at')} AS "stoppedAt",
                state, duration, currency, refund_preview AS "refundPreview"
         FROM ${quoteIdent(schema)}.timers ${orderId ? 'WHERE order_id = $1' : ''}
         ORDER BY order_id, started_at, timer_id`,
        orderId ? [orderId] : [],
      );
      return rows;
    },
    async close() {
      await pool.end();
      await db.drop();
    },
  };
}
