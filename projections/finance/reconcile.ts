/**
 * Reconciliation (domain.md "Finance": the report must equal, to the cent, what replaying the
 * RefundIssued events gives). Replays the whole log from the event store, independently of the
 * projection's code paths (its own currency lookup, its own BigInt sums), and compares:
 * - per currency: count and every amount, against the same totals GET /reports/refunds shows;
 * - per refund: which refunds of the period are missing from the ledger, or there but not in the log.
 */
import type { EventStore } from '@app/event-store';
import { AMOUNT_FIELDS, CurrencySums, type CurrencyTotals } from './amounts';
import { financeRows } from './finance-rows';
import { readLedger } from './refund-ledger.query';
import { refundReport, type Queryable } from './refund-report.query';

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
  currency: string;
  field: 'count' | (typeof AMOUNT_FIELDS)[number];
  replayed: number;
  reported: number;
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
  const replay = await replayRefunds(options.store, options.from, options.to);
  const report = await refundReport(options.db, schema, { from: options.from, to: options.to, groupBy: 'currency' });
  const ledgerKeys = new Set<string>();
  for await (const row of readLedger(options.db, schema, { from: options.from, to: options.to })) ledgerKeys.add(`${row.orderId}/${row.refundId}`);

  const replayed = replay.sums.totals();
  const differences = compareTotals(replayed, report.totals);
  const missingFromLedger = [...replay.keys].filter((key) => !ledgerKeys.has(key));
  const notInLog = [...ledgerKeys].filter((key) => !replay.keys.has(key));
  return {
    from: options.from,
    to: options.to,
    replayed,
    reported: report.totals,
    differences,
    missingFromLedger,
    notInLog,
    withoutCurrency: replay.withoutCurrency,
    ok: !differences.length && !missingFromLedger.length && !notInLog.length && !replay.withoutCurrency.length,
  };
}

async function replayRefunds(store: EventStore, from: string, to: string) {
  const currencyOf = new Map<string, string>();
  const sums = new CurrencySums();
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
      sums.add(currency, {
        goods: refund.goods, shipping: refund.shipping, returnShipping: refund.return_shipping,
        processingFee: refund.processing_fee, feeRetained: refund.fee_retained, total: refund.total,
      });
    }
  }
  return { sums, keys, withoutCurrency };
}

export function compareTotals(replayed: CurrencyTotals[], reported: CurrencyTotals[]): TotalsDifference[] {
  const byCurrency = (list: CurrencyTotals[]) => new Map(list.map((t) => [t.currency, t]));
  const a = byCurrency(replayed);
  const b = byCurrency(reported);
  const currencies = [...new Set([...a.keys(), ...b.keys()])].sort();
  const differences: TotalsDifference[] = [];
  for (const currency of currencies) {
    for (const field of ['count', ...AMOUNT_FIELDS] as const) {
      const replayedValue = a.get(currency)?.[field] ?? 0;
      const reportedValue = b.get(currency)?.[field] ?? 0;
      if (replayedValue !== reportedValue) differences.push({ currency, field, replayed: replayedValue, reported: reportedValue });
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
  for (const d of result.differences) {
    lines.push(`DIFFERENCE ${d.currency} ${d.field}: events ${d.replayed}, report ${d.reported} (report - events = ${d.reported - d.replayed})`);
  }
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
