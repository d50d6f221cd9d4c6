/** Finance's reads (GET /reports/refunds, /ledger, /outstanding) and the chart's series built from them. */
import { getJson, query } from './api';

export const GROUP_BY = ['day', 'method', 'reason', 'destination', 'currency'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
/** What the chart's stacked series are; 'none' is one series per currency from the report itself. */
export const SERIES = ['none', 'method', 'reason', 'destination'] as const;
export type Series = (typeof SERIES)[number];

export interface Amounts {
  currency: string;
  goods: number;
  shipping: number;
  returnShipping: number;
  processingFee: number;
  feeRetained: number;
  total: number;
}
export interface Totals extends Amounts { count: number }
export interface ReportRow extends Totals { key: string }
export interface Report { from: string; to: string; groupBy: GroupBy; rows: ReportRow[]; totals: Totals[] }
export interface LedgerRow extends Amounts { refundId: string; orderId: string; issuedAt: string; reason: string; method: string; destination: string }
export interface LedgerPage { items: LedgerRow[]; nextCursor: string | null }
export interface OutstandingRefund {
  timerId: string; orderId: string; reason: string | null; dueAt: string; overdue: boolean; currency: string; total: number | null;
}
export interface Outstanding { items: OutstandingRefund[]; totals: Totals[] }

export const reportPath = (from: string, to: string, groupBy: GroupBy) => `/reports/refunds${query({ from, to, groupBy })}`;
export const ledgerPath = (from: string, to: string, limit?: number, cursor?: string) => `/reports/refunds/ledger${query({ from, to, limit, cursor })}`;
export const OUTSTANDING_PATH = '/reports/refunds/outstanding';

export const report = (from: string, to: string, groupBy: GroupBy) => getJson<Report>(reportPath(from, to, groupBy));

/** The whole period's ledger, page after page (1000 a page, the API's largest). */
export async function wholeLedger(from: string, to: string): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await getJson<LedgerPage>(ledgerPath(from, to, 1000, cursor));
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

export interface CurrencyChart {
  currency: string;
  days: string[];
  series: Array<{ name: string; values: number[] }>;
  /** From the report's own totals: the chart never adds up money itself for the caption. */
  total: number;
  count: number;
}

/** Every UTC day of the period when it is short enough to draw each; else the days that had refunds. */
export function daysOf(from: string, to: string, withData: string[]): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length <= 366; day = nextDay(day)) days.push(day);
  return days.length <= 366 ? days : [...new Set(withData)].sort();
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * One chart per currency (amounts in two currencies are never on one axis, nor summed): bars by
 * day, stacked by the chosen dimension. 'none' reads the report grouped by day; a dimension
 * reads the ledger, whose rows carry every dimension.
 */
export function chartsFor(byDay: Report, series: Series, ledger: LedgerRow[] | undefined): CurrencyChart[] {
  return byDay.totals.map((totals) => {
    const currency = totals.currency;
    const rows = byDay.rows.filter((row) => row.currency === currency);
    const days = daysOf(byDay.from, byDay.to, rows.map((row) => row.key));
    const index = new Map(days.map((day, i) => [day, i]));
    let lines: Array<{ name: string; values: number[] }>;
    if (series === 'none' || !ledger) {
      const values = days.map(() => 0);
      for (const row of rows) values[index.get(row.key) ?? -1] = row.total;
      lines = [{ name: `total (${currency})`, values }];
    } else {
      const byName = new Map<string, number[]>();
      for (const row of ledger.filter((item) => item.currency === currency)) {
        const name = row[series];
        const values = byName.get(name) ?? days.map(() => 0);
        const at = index.get(row.issuedAt.slice(0, 10));
        if (at !== undefined) values[at] += row.total;
        byName.set(name, values);
      }
      lines = [...byName.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, values]) => ({ name, values }));
    }
    return { currency, days, series: lines, total: totals.total, count: totals.count };
  });
}
