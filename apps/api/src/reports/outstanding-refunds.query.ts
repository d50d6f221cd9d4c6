/**
 * Refunds due and not yet issued: the `refund` timers of the SLA read model that are still
 * running (running includes overdue: not stopped, whatever the due time). Each carries the
 * refund it would be if issued now, as the SLA projection previews it.
 */
import type { Pool } from 'pg';
import { CurrencySums, exactInteger, type CurrencyTotals } from '@app/projections/finance';
// The live table of the sla-timers projection; its columns are a contract with it (sla-timers.ddl.ts).
import { SLA_TIMERS_TABLE } from '@app/projections/sla-timers';

export interface OutstandingRefund {
  timerId: string;
  orderId: string;
  reason: string | null;
  dueAt: string;
  overdue: boolean;
  currency: string;
  goods: number | null;
  shipping: number | null;
  returnShipping: number | null;
  processingFee: number | null;
  feeRetained: number | null;
  total: number | null;
}

export interface OutstandingRefunds {
  items: OutstandingRefund[];
  totals: CurrencyTotals[];
}

const PREVIEW_FIELDS = ['goods', 'shipping', 'returnShipping', 'processingFee', 'feeRetained', 'total'] as const;

type Row = { timer_id: string; order_id: string; reason: string | null; due_at: string; overdue: boolean; currency: string } & Record<(typeof PREVIEW_FIELDS)[number], string | null>;

/** Overdue compares with `now` from the business clock (a test clock can travel), never the database's. */
export const OUTSTANDING_SQL = `SELECT timer_id::text AS timer_id, order_id::text AS order_id, refund_preview->>'reason' AS reason,
    to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS due_at, due_at < $1::timestamptz AS overdue, currency,
    ${PREVIEW_FIELDS.map((f) => `(refund_preview->>'${f}')::bigint AS "${f}"`).join(', ')}
  FROM ${SLA_TIMERS_TABLE}
  WHERE kind = 'refund' AND state = 'running'
  ORDER BY due_at, timer_id`;

export async function outstandingRefunds(pool: Pool, now: Date): Promise<OutstandingRefunds> {
  const { rows } = await pool.query<Row>(OUTSTANDING_SQL, [now.toISOString()]);
  const sums = new CurrencySums();
  const items = rows.map((row): OutstandingRefund => {
    const amount = (field: (typeof PREVIEW_FIELDS)[number]) =>
      row[field] === null ? null : exactInteger(row[field] as string, `timer ${row.timer_id}`, field);
    const item: OutstandingRefund = {
      timerId: row.timer_id, orderId: row.order_id, reason: row.reason, dueAt: row.due_at, overdue: row.overdue, currency: row.currency,
      goods: amount('goods'), shipping: amount('shipping'), returnShipping: amount('returnShipping'),
      processingFee: amount('processingFee'), feeRetained: amount('feeRetained'), total: amount('total'),
    };
    // A timer without a preview still counts as due; it adds nothing to the sums (docs/finance.md).
    sums.add(item.currency, item);
    return item;
  });
  return { items, totals: sums.totals() };
}
