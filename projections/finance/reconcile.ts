/**
 * Reconciliation (docs/finance.md: the report must equal, to the cent, what replaying the
 * RefundIssued events gives). Replays the whole log from the event store, independently of the
 * projection's SQL (its own currency lookup, its own exact sums: amounts.ts), and compares:
 * - per currency: count and every amount, against the totals GET /reports/refunds shows;
 * - every row of the report for each groupBy (each reads its own daily sums, so each is checked);
 * - per refund: which refunds of the period are missing from the ledger, or there but not in the log.
 */
import type { EventStore } from '@app/event-store';
import { AMOUNT_FIELDS, CurrencySums, subtractAmounts, type Amount, type CurrencyTotals } from './amounts';
import { financeRows, type RefundRow } from './finance-rows';
import { readLedger } from './refund-ledger.query';
import { REPORT_GROUP_BY, refundReport, type Queryable, type RefundReportRow, type ReportGroupBy } from './refund-report.query';

export interface ReconcileOptions {
  store: EventStore;
  db: Queryable;
  /** Inclusive UTC days, YYYY-MM-DD. */
  from: string;
  to: string;
  /** The finance schema to check; the live one unless told. */
  schema?: string;
}

export interface TotalsDifference {
  /** `totals`, or the report row: `method=card`, `day=2026-03-01`, ... */
  scope: string;
  currency: string;
  field: 'count' | (typeof AMOUNT_FIELDS)[number];
  /** Exact: a BigInt for a sum past 2^53 (amounts.ts). */
  replayed: Amount;
  reported: Amount;
}

export interface ReconcileResult {
  from: string;
  to: string;
  replayed: CurrencyTotals[];
  reported: CurrencyTotals[];
  differences: TotalsDifference[];
  /** `orderId/refundId` of refunds in the log but not in the ledger, and the reverse. */
  missingFromLedger: string[];
  notInLog: string[];
  /** Refunds whose order has no OrderPlaced in the log: their currency is unknown. */
  withoutCurrency: string[];
  ok: boolean;
}

export async function reconcile(options: ReconcileOptions): Promise<ReconcileResult> {
  const schema = options.schema ?? 'finance';
  const period = { from: options.from, to: options.to };
  const replay = await replayRefunds(options.store, options.from, options.to);
  const replayed = replay.totals.totals();
  let reported: CurrencyTotals[] = [];
  const differences: TotalsDifference[] = [];
  for (const groupBy of REPORT_GROUP_BY) {
    const report = await refundReport(options.db, schema, { ...period, groupBy });
    if (groupBy === 'currency') {
      reported = report.totals;
      differences.unshift(...compareTotals(replayed, report.totals));
    }
    differences.push(...compareRows(groupBy, replay.rows[groupBy], report.rows));
  }
  const ledgerKeys = new Set<string>();
  for await (const row of readLedger(options.db, schema, period)) ledgerKeys.add(`${row.orderId}/${row.refundId}`);
  const missingFromLedger = [...replay.keys].filter((key) => !ledgerKeys.has(key));
  const notInLog = [...ledgerKeys].filter((key) => !replay.keys.has(key));
  return {
    ...period,
    replayed,
    reported,
    differences,
    missingFromLedger,
    notInLog,
    withoutCurrency: replay.withoutCurrency,
    ok: !differences.length && !missingFromLedger.length && !notInLog.length && !replay.withoutCurrency.length,
  };
}

const KEY_OF: Record<ReportGroupBy, (refund: RefundRow, currency: string) => string> = {
  day: (r) => r.issued_at.slice(0, 10),
  method: (r) => r.method,
  reason: (r) => r.reason,
  destination: (r) => r.destination,
  currency: (_r, currency) => currency,
};

async function replayRefunds(store: EventStore, from: string, to: string) {
  const currencyOf = new Map<string, string>();
  const totals = new CurrencySums();
  // Per groupBy, per key: sums per currency, like the report's rows.
  const rows = Object.fromEntries(REPORT_GROUP_BY.map((g) => [g, new Map<string, CurrencySums>()])) as Record<ReportGroupBy, Map<string, CurrencySums>>;
  const keys = new Set<string>();
  const withoutCurrency: string[] = [];
  for await (const event of store.readAll()) {
    if (event.type !== 'OrderPlaced' && event.type !== 'RefundIssued') continue;
    const { orders, refunds } = financeRows([event]);
    for (const order of orders) if (!currencyOf.has(order.order_id)) currencyOf.set(order.order_id, order.currency);
    for (const refund of refunds) {
      const day = refund.issued_at.slice(0, 10); // ISO in UTC: the first ten characters are the UTC day
      if (day < from || day > to) continue;
      const key = `${refund.order_id}/${refund.refund_id}`;
      if (keys.has(key)) continue; // a refund id is unique per order; the ledger keeps the first
      keys.add(key);
      const currency = currencyOf.get(refund.order_id);
      if (currency === undefined) {
        withoutCurrency.push(key);
        continue;
      }
      const amounts = {
        goods: refund.goods, shipping: refund.shipping, returnShipping: refund.return_shipping,
        processingFee: refund.processing_fee, feeRetained: refund.fee_retained, total: refund.total,
      };
      totals.add(currency, amounts);
      for (const groupBy of REPORT_GROUP_BY) {
        const rowKey = KEY_OF[groupBy](refund, currency);
        const sums = rows[groupBy].get(rowKey) ?? new CurrencySums();
        sums.add(currency, amounts);
        rows[groupBy].set(rowKey, sums);
      }
    }
  }
  return { totals, rows, keys, withoutCurrency };
}

function compareRows(groupBy: ReportGroupBy, replayed: Map<string, CurrencySums>, reported: RefundReportRow[]): TotalsDifference[] {
  const reportedByKey = new Map<string, CurrencyTotals[]>();
  for (const row of reported) reportedByKey.set(row.key, [...(reportedByKey.get(row.key) ?? []), row]);
  const keys = [...new Set([...replayed.keys(), ...reportedByKey.keys()])].sort();
  return keys.flatMap((key) => compareTotals(replayed.get(key)?.totals() ?? [], reportedByKey.get(key) ?? [], `${groupBy}=${key}`));
}

export function compareTotals(replayed: CurrencyTotals[], reported: CurrencyTotals[], scope = 'totals'): TotalsDifference[] {
  const byCurrency = (list: CurrencyTotals[]) => new Map(list.map((t) => [t.currency, t]));
  const a = byCurrency(replayed);
  const b = byCurrency(reported);
  const currencies = [...new Set([...a.keys(), ...b.keys()])].sort();
  const differences: TotalsDifference[] = [];
  for (const currency of currencies) {
    for (const field of ['count', ...AMOUNT_FIELDS] as const) {
      const replayedValue = a.get(currency)?.[field] ?? 0;
      const reportedValue = b.get(currency)?.[field] ?? 0;
      if (replayedValue !== reportedValue) differences.push({ scope, currency, field, replayed: replayedValue, reported: reportedValue });
    }
  }
  return differences;
}

/** Lines for a terminal: per-currency totals, then every difference. */
export function formatReconciliation(result: ReconcileResult, maxListed = 20): string[] {
  const lines = [`Refunds issued ${result.from} to ${result.to} (UTC days, inclusive)`];
  for (const t of result.replayed) {
    lines.push(`  ${t.currency}: ${t.count} refunds, ${AMOUNT_FIELDS.map((f) => `${f} ${t[f]}`).join(', ')}`);
  }
  if (!result.replayed.length) lines.push('  no refunds in the event log for this period');
  // Totals first, in full; report rows (one per day, method, ...) can be many: the first few.
  const totals = result.differences.filter((d) => d.scope === 'totals');
  const rows = result.differences.filter((d) => d.scope !== 'totals');
  for (const d of [...totals, ...rows.slice(0, maxListed)]) {
    lines.push(`DIFFERENCE ${d.currency} ${d.field} (${d.scope}): events ${d.replayed}, report ${d.reported} (report - events = ${subtractAmounts(d.reported, d.replayed)})`);
  }
  if (rows.length > maxListed) lines.push(`... and ${rows.length - maxListed} more differences in report rows`);
  const list = (label: string, keys: string[]) => {
    if (!keys.length) return;
    lines.push(`${label} (${keys.length}): ${keys.slice(0, maxListed).join(', ')}${keys.length > maxListed ? ', ...' : ''}`);
  };
  list('MISSING FROM LEDGER', result.missingFromLedger);
  list('IN LEDGER BUT NOT IN EVENTS', result.notInLog);
  list('NO OrderPlaced, CURRENCY UNKNOWN', result.withoutCurrency);
  lines.push(result.ok ? 'OK: the report equals the events, to the cent.' : 'MISMATCH: see above.');
  return lines;
}
