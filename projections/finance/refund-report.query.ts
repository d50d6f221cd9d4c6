/**
 * The grouped refund report, read from the daily sums (refund_daily). Used by GET /reports/refunds
 * and by the reconciliation, so what is reconciled is exactly what finance is shown.
 */
import type { Pool, PoolClient } from 'pg';
import { CurrencySums, exactInteger, toAmount, type CurrencyTotals } from './amounts';
import { quoteIdent } from '../runtime/schema-names';

export type Queryable = Pool | PoolClient;

export const REPORT_GROUP_BY = ['day', 'method', 'reason', 'destination', 'currency'] as const;
export type ReportGroupBy = (typeof REPORT_GROUP_BY)[number];

/**
 * Which rows of refund_daily a report reads, what it groups them by (a column, so a period read
 * in primary-key order needs no sort) and how the key is shown. Whitelisted, never caller text.
 */
const SOURCE: Record<ReportGroupBy, { dimension: string; group: string; key: string }> = {
  day: { dimension: 'all', group: 'day', key: `to_char(day, 'YYYY-MM-DD')` },
  currency: { dimension: 'all', group: 'currency', key: 'currency' },
  method: { dimension: 'method', group: 'key', key: 'key' },
  reason: { dimension: 'reason', group: 'key', key: 'key' },
  destination: { dimension: 'destination', group: 'key', key: 'key' },
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

const AMOUNT_COLUMNS = ['goods', 'shipping', 'return_shipping', 'processing_fee', 'fee_retained', 'total'];
const SUM_COLUMNS = ['refund_count', ...AMOUNT_COLUMNS];

interface SummedRow {
  key: string;
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
 * One row per key and currency: currency is always in the grouping, so no sum ever mixes two
 * currencies. The totals are these rows added up per currency (CurrencySums: exact), which keeps
 * the query a single plain GROUP BY. key and currency are COLLATE "C" columns: byte order.
 */
export function refundReportSql(schema: string, groupBy: ReportGroupBy): string {
  const { dimension, group, key } = SOURCE[groupBy];
  const table = `${quoteIdent(schema)}.refund_daily`;
  const period = `dimension = '${dimension}' AND day BETWEEN $1::date AND $2::date`;
  if (groupBy === 'day') {
    // (dimension, day, currency) is unique for `all` (key ''): the rows are the report, read in
    // primary-key order, with nothing to add up. The year's heaviest report stays an index scan.
    return `SELECT ${key} AS key, currency, ${SUM_COLUMNS.join(', ')}
      FROM ${table} WHERE ${period} AND key = ''
      ORDER BY day, currency`;
  }
  // Amounts stay numeric: a period's sum can pass bigint even where no day's does.
  return `SELECT ${key} AS key, currency, sum(refund_count)::bigint AS refund_count, ${AMOUNT_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
    FROM ${table} WHERE ${period}
    GROUP BY ${group}, currency
    ORDER BY ${group}, currency`;
}

export async function refundReport(db: Queryable, schema: string, query: RefundReportQuery): Promise<RefundReport> {
  const { rows } = await db.query<SummedRow>(refundReportSql(schema, query.groupBy), [query.from, query.to]);
  const sums = new CurrencySums();
  const reportRows = rows.map((row) => {
    const totals = currencyTotals(row);
    sums.addTotals(totals);
    return { key: row.key, ...totals };
  });
  return { from: query.from, to: query.to, groupBy: query.groupBy, rows: reportRows, totals: sums.totals() };
}

/**
 * Written out field by field: this runs for every row of a year-long report, so no per-field
 * strings. Sums may pass 2^53 (then they are BigInts: amounts.ts); a count cannot.
 */
function currencyTotals(row: SummedRow): CurrencyTotals {
  return {
    currency: row.currency,
    count: exactInteger(row.refund_count, row.currency, 'count'),
    goods: toAmount(row.goods),
    shipping: toAmount(row.shipping),
    returnShipping: toAmount(row.return_shipping),
    processingFee: toAmount(row.processing_fee),
    feeRetained: toAmount(row.fee_retained),
    total: toAmount(row.total),
  };
}
