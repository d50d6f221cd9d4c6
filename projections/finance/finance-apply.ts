/**
 * The two set-based statements of one batch. Both are idempotent, so a batch replayed after a
 * crash (or applied twice by mistake) changes nothing:
 * 1. orders: ON CONFLICT DO NOTHING (an order's currency never changes).
 * 2. ledger + daily sums in ONE statement: the sums are incremented only from the RETURNING rows
 *    of the ledger insert, i.e. the refunds that were not there yet. The two can never drift apart.
 * Orders go first, in their own statement, because rows written by one CTE are invisible to the
 * other CTEs of the same statement: a refund placed in the same batch as its order must see it.
 * The daily sums are numeric (finance.ddl.ts): sum() of bigint is already numeric in PostgreSQL,
 * and `d.x + EXCLUDED.x` adds numerics, so no step of the upsert can overflow.
 */
import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { financeRows, type OrderRow, type RefundRow } from './finance-rows';
import { quoteIdent } from '../runtime/schema-names';

const REFUND_RECORD = `b(event_id uuid, order_id text, refund_id text, issued_at timestamptz, reason text, method text,
  destination text, goods bigint, shipping bigint, return_shipping bigint, processing_fee bigint, fee_retained bigint, total bigint)`;

const AMOUNT_COLUMNS = ['goods', 'shipping', 'return_shipping', 'processing_fee', 'fee_retained', 'total'] as const;

export function insertOrdersSql(schema: string): string {
  return `INSERT INTO ${quoteIdent(schema)}.orders (order_id, currency, method)
    SELECT o.order_id, o.currency, o.method
    FROM jsonb_to_recordset($1::jsonb) AS o(order_id text, currency text, method text)
    ON CONFLICT (order_id) DO NOTHING`;
}

export function insertRefundsSql(schema: string): string {
  const s = quoteIdent(schema);
  const amounts = AMOUNT_COLUMNS.join(', ');
  return `WITH inserted AS (
      INSERT INTO ${s}.refunds (order_id, refund_id, event_id, issued_at, currency, reason, method, destination, ${amounts})
      SELECT b.order_id, b.refund_id, b.event_id, b.issued_at, o.currency, b.reason, coalesce(b.method, o.method), b.destination,
             ${AMOUNT_COLUMNS.map((c) => `b.${c}`).join(', ')}
      FROM jsonb_to_recordset($1::jsonb) AS ${REFUND_RECORD}
      LEFT JOIN ${s}.orders o ON o.order_id = b.order_id
      ON CONFLICT DO NOTHING
      RETURNING issued_at, currency, method, reason, destination, ${amounts}
    )
    INSERT INTO ${s}.refund_daily AS d (dimension, day, currency, key, refund_count, ${amounts})
    SELECT g.dimension, (i.issued_at AT TIME ZONE 'UTC')::date, i.currency, g.key, count(*),
           ${AMOUNT_COLUMNS.map((c) => `sum(i.${c})`).join(', ')}
    FROM inserted i
    CROSS JOIN LATERAL (VALUES ('all', ''), ('method', i.method), ('reason', i.reason), ('destination', i.destination)) AS g(dimension, key)
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (dimension, day, currency, key) DO UPDATE SET
      refund_count = d.refund_count + EXCLUDED.refund_count,
      ${AMOUNT_COLUMNS.map((c) => `${c} = d.${c} + EXCLUDED.${c}`).join(',\n      ')}`;
}

export async function applyFinanceBatch(client: PoolClient, schema: string, events: readonly RecordedEvent[]): Promise<void> {
  const { orders, refunds } = financeRows(events);
  if (orders.length) await insertOrders(client, schema, orders);
  if (refunds.length) await insertRefunds(client, schema, refunds);
}

async function insertOrders(client: PoolClient, schema: string, orders: OrderRow[]): Promise<void> {
  await client.query(insertOrdersSql(schema), [JSON.stringify(orders)]);
}

async function insertRefunds(client: PoolClient, schema: string, refunds: RefundRow[]): Promise<void> {
  try {
    await client.query(insertRefundsSql(schema), [JSON.stringify(refunds)]);
  } catch (error) {
    // currency is NOT NULL: a refund whose OrderPlaced this projection never saw stops it here.
    const pg = error as { code?: string; column?: string; detail?: string };
    if (pg.code === '23502' && pg.column === 'currency') {
      throw new Error(`finance: a RefundIssued belongs to an order without OrderPlaced, so its currency is unknown (${pg.detail ?? 'no detail'})`, { cause: error });
    }
    throw error;
  }
}
