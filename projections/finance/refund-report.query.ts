/**
 * The grouped refund report, read from the daily cube. Used by GET /reports/refunds and by the
 * reconciliation, so what is reconciled is exactly what finance is shown.
 */
import type { Pool, PoolClient } from 'pg';
import { AMOUNT_FIELDS, exactInteger, type Amounts, type CurrencyTotals } from './amounts';
import { quoteIdent } from '../runtime/schema-names';

export type Queryable = Pool | PoolClient;

export const REPORT_GROUP_BY = ['day', 'method', 'reason', 'destination', 'currency'] as const;
export type ReportGroupBy = (typeof REPORT_GROUP_BY)[number];

/** Whitelisted key expressions: the only text of a query that depends on the caller. */
const KEY_EXPRESSION: Record<ReportGroupBy, string> = {
  day: `to_char(day, 'YYYY-MM-DD')`,
  method: 'method',
  reason: 'reason',
  destination: 'destination',
  currency: 'currency',
};

export interface RefundReportRow extends CurrencyTotals {
  key: string;
}

export interface RefundReport {
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  rows: RefundReportRow[];
  totals: CurrencyTotals[];
}

export interface RefundReportQuery {
  /** Inclusive UTC days, YYYY-MM-DD, already validated. */
  from: string;
  to: string;
  groupBy: ReportGroupBy;
}

interface SummedRow {
  is_total: boolean;
  key: string | null;
  currency: string;
  refund_count: string;
  goods: string;
  shipping: string;
  return_shipping: string;
  processing_fee: string;
  fee_retained: string;
  total: string;
}

/**
 * Rows (key × currency) and totals (currency) in one scan with GROUPING SETS. Amounts are summed
 * per currency only: currency is in both grouping sets, so no sum ever mixes two currencies.
 */
export function refundReportSql(schema: string, groupBy: ReportGroupBy): string {
  return `SELECT grouping(k) = 1 AS is_total, k AS key, currency,
      sum(refund_count)::bigint AS refund_count, sum(goods)::bigint AS goods, sum(shipping)::bigint AS shipping,
      sum(return_shipping)::bigint AS return_shipping, sum(processing_fee)::bigint AS processing_fee,
      sum(fee_retained)::bigint AS fee_retained, sum(total)::bigint AS total
    FROM (
      SELECT ${KEY_EXPRESSION[groupBy]} AS k, * FROM ${quoteIdent(schema)}.refund_daily
      WHERE day BETWEEN $1::date AND $2::date
    ) cube
    GROUP BY GROUPING SETS ((k, currency), (currency))
    ORDER BY is_total, k COLLATE "C", currency COLLATE "C"`;
}

export async function refundReport(db: Queryable, schema: string, query: RefundReportQuery): Promise<RefundReport> {
  const { rows } = await db.query<SummedRow>(refundReportSql(schema, query.groupBy), [query.from, query.to]);
  const report: RefundReport = { from: query.from, to: query.to, groupBy: query.groupBy, rows: [], totals: [] };
  for (const row of rows) {
    const totals = currencyTotals(row);
    if (row.is_total) report.totals.push(totals);
    else report.rows.push({ key: String(row.key), ...totals });
  }
  return report;
}

function currencyTotals(row: SummedRow): CurrencyTotals {
  const columns: Record<(typeof AMOUNT_FIELDS)[number], string> = {
    goods: row.goods, shipping: row.shipping, returnShipping: row.return_shipping,
    processingFee: row.processing_fee, feeRetained: row.fee_retained, total: row.total,
  };
  const amounts = Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, exactInteger(columns[f], `${row.currency} ${f}`)])) as Amounts;
  return { currency: row.currency, count: exactInteger(row.refund_count, `${row.currency} count`), ...amounts };
}
