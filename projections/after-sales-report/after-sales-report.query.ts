/**
 * The service-quality report (GET /reports/after-sales), read from the after-sales model and, for
 * the response SLA, from the complaint_response timers of the sla-timers model: met or breached
 * is their verdict (docs/sla.md), never decided a second way here.
 *
 * Periods are inclusive UTC days and weeks are ISO weeks in UTC, like the refund report; the
 * durations inside are business time on the configured calendar (business-time.ts). Percentiles
 * are nearest-rank (percentile_disc): the smallest observed value with at least p % of the values
 * at or below it, so every p50 and p90 is a duration that really happened.
 */
import type { Pool, PoolClient } from 'pg';
import type { ReturnReason, ReturnResolution } from '@app/ordering';
import { SLA_TIMERS_TABLE } from '../sla-timers/sla-timers.projection';
import { quoteIdent } from '../runtime/schema-names';

type Queryable = Pool | PoolClient;

export const AFTER_SALES_GROUP_BY = ['category', 'week'] as const;
export type AfterSalesGroupBy = (typeof AFTER_SALES_GROUP_BY)[number];

/** Every value, so each row lists them all (0 when none): a CSV keeps its columns whatever the period holds. */
export const RETURN_REASONS = Object.keys({
  no_reason: true, defective: true, damaged_in_transit: true, wrong_item: true, not_as_described: true,
} satisfies Record<ReturnReason, true>) as ReturnReason[];
export const RETURN_RESOLUTIONS = Object.keys({ refund: true, exchange: true, repair: true } satisfies Record<ReturnResolution, true>) as ReturnResolution[];

export interface AfterSalesFigures {
  complaints: { opened: number; resolved: number; reopened: number };
  /** Openings and reopenings of the period that were answered (ComplaintResponded or ComplaintResolved), in business hours. */
  firstResponse: { answered: number; p50Hours: number | null; p90Hours: number | null };
  /** complaint_response timers started in the period: met, or breached (stopped late, or still running past due). */
  responseSla: { met: number; breached: number; metPercent: number | null };
  /** ComplaintFeedbackGiven of the period: satisfied of all. */
  satisfaction: { feedback: number; satisfied: number; satisfiedPercent: number | null };
  /** Returns requested in the period. */
  returns: { requested: number; byReason: Record<ReturnReason, number>; byResolution: Record<ReturnResolution, number> };
  /** Repairs completed in the period: business days from the return's receipt to RepairCompleted. */
  repairTurnaround: { completed: number; p50BusinessDays: number | null; p90BusinessDays: number | null };
}

export interface AfterSalesReportRow extends AfterSalesFigures {
  key: string;
}

export interface AfterSalesReport {
  from: string;
  to: string;
  groupBy: AfterSalesGroupBy;
  rows: AfterSalesReportRow[];
  totals: AfterSalesFigures;
}

export interface AfterSalesReportQuery {
  /** Inclusive UTC days, YYYY-MM-DD, already validated. */
  from: string;
  to: string;
  groupBy: AfterSalesGroupBy;
  /** The business clock's now: a response timer still running past its due time is breached. */
  now: Date;
}

/** The row key: the stored category, or the ISO week (in UTC) of the time that places the fact in the period. */
const keyOf = (groupBy: AfterSalesGroupBy, time: string) =>
  (groupBy === 'category' ? 'category' : `to_char(${time} AT TIME ZONE 'UTC', 'IYYY-"W"IW')`);

const inPeriod = (time: string) =>
  `${time} >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND ${time} < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'`;

/** Each statement answers one row per key and, with GROUPING SETS, the totals row (is_total). */
function statements(schema: string, groupBy: AfterSalesGroupBy) {
  const s = quoteIdent(schema);
  const grouped = (time: string, select: string, from: string, where: string) => {
    const key = keyOf(groupBy, time);
    return `SELECT ${key} AS key, grouping(${key}) = 1 AS is_total, ${select}
      FROM ${from} WHERE ${inPeriod(time)}${where}
      GROUP BY GROUPING SETS ((${key}), ())`;
  };
  return {
    complaints: grouped('c.at', `
        count(*) FILTER (WHERE kind = 'opened')::int AS opened,
        count(*) FILTER (WHERE kind = 'resolved')::int AS resolved,
        count(*) FILTER (WHERE kind = 'reopened')::int AS reopened,
        count(*) FILTER (WHERE kind = 'feedback')::int AS feedback,
        count(*) FILTER (WHERE satisfied)::int AS satisfied`,
    `${s}.complaint_events c`, ''),
    responses: grouped('r.started_at', `
        count(r.business_ms)::int AS answered,
        percentile_disc(0.5) WITHIN GROUP (ORDER BY r.business_ms) AS p50,
        percentile_disc(0.9) WITHIN GROUP (ORDER BY r.business_ms) AS p90,
        count(*) FILTER (WHERE t.state = 'met')::int AS met,
        count(*) FILTER (WHERE t.state = 'late' OR (t.state = 'running' AND t.due_at <= $3::timestamptz))::int AS breached`,
    `${s}.responses r LEFT JOIN ${SLA_TIMERS_TABLE} t ON t.timer_id = r.timer_id`, ''),
    returns: `SELECT ${keyOf(groupBy, 'requested_at')} AS key, reason, resolution, count(*)::int AS n
      FROM ${s}.returns WHERE ${inPeriod('requested_at')}
      GROUP BY 1, 2, 3`,
    repairs: grouped('repaired_at', `
        count(*)::int AS completed,
        percentile_disc(0.5) WITHIN GROUP (ORDER BY repair_business_days) AS p50,
        percentile_disc(0.9) WITHIN GROUP (ORDER BY repair_business_days) AS p90`,
    `${s}.returns`, ' AND repaired_at IS NOT NULL'),
  };
}

interface Keyed { key: string | null; is_total: boolean }
type ComplaintCounts = Keyed & { opened: number; resolved: number; reopened: number; feedback: number; satisfied: number };
type ResponseFigures = Keyed & { answered: number; p50: string | null; p90: string | null; met: number; breached: number };
type RepairFigures = Keyed & { completed: number; p50: number | null; p90: number | null };

export async function afterSalesReport(db: Queryable, schema: string, query: AfterSalesReportQuery): Promise<AfterSalesReport> {
  const sql = statements(schema, query.groupBy);
  const params = [query.from, query.to];
  const [complaints, responses, returns, repairs] = await Promise.all([
    db.query<ComplaintCounts>(sql.complaints, params),
    db.query<ResponseFigures>(sql.responses, [...params, query.now.toISOString()]),
    db.query<{ key: string; reason: ReturnReason; resolution: ReturnResolution; n: number }>(sql.returns, params),
    db.query<RepairFigures>(sql.repairs, params),
  ]);
  const byKey = new Map<string, AfterSalesFigures>();
  const totals = emptyFigures();
  const figuresOf = (row: Keyed) => {
    if (row.is_total) return totals;
    let figures = byKey.get(row.key!);
    if (!figures) byKey.set(row.key!, (figures = emptyFigures()));
    return figures;
  };
  for (const row of complaints.rows) {
    const f = figuresOf(row);
    f.complaints = { opened: row.opened, resolved: row.resolved, reopened: row.reopened };
    f.satisfaction = { feedback: row.feedback, satisfied: row.satisfied, satisfiedPercent: percent(row.satisfied, row.feedback) };
  }
  for (const row of responses.rows) {
    const f = figuresOf(row);
    f.firstResponse = { answered: row.answered, p50Hours: hours(row.p50), p90Hours: hours(row.p90) };
    f.responseSla = { met: row.met, breached: row.breached, metPercent: percent(row.met, row.met + row.breached) };
  }
  for (const row of returns.rows) {
    for (const f of [figuresOf({ key: row.key, is_total: false }), totals]) {
      f.returns.requested += row.n;
      f.returns.byReason[row.reason] += row.n;
      f.returns.byResolution[row.resolution] += row.n;
    }
  }
  for (const row of repairs.rows) {
    figuresOf(row).repairTurnaround = { completed: row.completed, p50BusinessDays: row.p50, p90BusinessDays: row.p90 };
  }
  // Keys in byte order, like the "C" collation of the refund report's keys.
  const rows = [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, figures]) => ({ key, ...figures }));
  return { from: query.from, to: query.to, groupBy: query.groupBy, rows, totals };
}

function emptyFigures(): AfterSalesFigures {
  return {
    complaints: { opened: 0, resolved: 0, reopened: 0 },
    firstResponse: { answered: 0, p50Hours: null, p90Hours: null },
    responseSla: { met: 0, breached: 0, metPercent: null },
    satisfaction: { feedback: 0, satisfied: 0, satisfiedPercent: null },
    returns: {
      requested: 0,
      byReason: Object.fromEntries(RETURN_REASONS.map((r) => [r, 0])) as Record<ReturnReason, number>,
      byResolution: Object.fromEntries(RETURN_RESOLUTIONS.map((r) => [r, 0])) as Record<ReturnResolution, number>,
    },
    repairTurnaround: { completed: 0, p50BusinessDays: null, p90BusinessDays: null },
  };
}

/** A share in percent with one decimal (2 of 3 → 66.7); null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

/** Business milliseconds (bigint, so a string) as hours with two decimals. */
export function hours(ms: string | null): number | null {
  return ms === null ? null : Math.round(Number(ms) / 36_000) / 100;
}
