/**
 * GET /sla/timers from the live sla-timers model. `overdue` is derived here, from the business
 * clock's `now` passed in (a test clock can travel), never from the database's clock.
 */
import type { SlaTimerKind, SlaTimerState } from '@app/projections/sla-timers/sla-rules';
import { SLA_TIMERS_TABLE } from '@app/projections/sla-timers';
import type { Pool } from 'pg';
import { SLA_ACTIONS_TABLE } from '@app/projections/sla-timers';

/** Where a page ends: most urgent first, so open timers (running, overdue) by (dueAt, timerId), then stopped ones the same way. */
export interface TimerKey {
  stopped: boolean;
  dueAt: string;
  timerId: string;
}

export interface SlaTimerListFilter {
  state?: SlaTimerState;
  kind?: SlaTimerKind;
  orderId?: string;
  /** Strictly after this key (the previous page's last). */
  after?: TimerKey;
  limit: number;
  now: Date;
}

export interface SlaTimerItem {
  timerId: string;
  orderId: string;
  kind: SlaTimerKind;
  subjectId: string;
  startedAt: string;
  dueAt: string;
  stoppedAt?: string;
  state: SlaTimerState;
  duration: string;
  /** What the scheduler did when an acting timer (payment, receipt) fell due. */
  action?: { outcome: 'acted' | 'refused'; code?: string; at: string };
}

interface Row {
  timer_id: string;
  order_id: string;
  kind: SlaTimerKind;
  subject_id: string;
  started_at: string;
  due_at: string;
  stopped_at: string | null;
  state: SlaTimerState;
  duration: string;
  action_outcome: 'acted' | 'refused' | null;
  action_code: string | null;
  action_at: string | null;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Running and overdue split on the due time; the stored states are matched as they are. */
function stateCondition(state: SlaTimerState, now: string, param: (value: unknown) => string): string {
  if (state === 'running') return `t.stopped_at IS NULL AND t.due_at > ${now}`;
  if (state === 'overdue') return `t.stopped_at IS NULL AND t.due_at <= ${now}`;
  return `t.state = ${param(state)}`;
}

/**
 * One extra row is read to know whether a next page exists. Open timers come first, then stopped
 * ones: two ordered reads (each follows its (due_at, timer_id) index) joined, not a sort of the
 * whole table on an expression.
 */
export async function listSlaTimers(pool: Pool, filter: SlaTimerListFilter): Promise<{ items: SlaTimerItem[]; hasMore: boolean }> {
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  const now = `${param(filter.now.toISOString())}::timestamptz`;
  const where: string[] = [];
  if (filter.state) where.push(stateCondition(filter.state, now, param));
  if (filter.kind) where.push(`t.kind = ${param(filter.kind)}`);
  if (filter.orderId) where.push(`t.order_id = ${param(filter.orderId)}`);
  const limit = param(filter.limit + 1);
  const part = (stopped: boolean) => {
    const conditions = [...where, `t.stopped_at IS ${stopped ? 'NOT ' : ''}NULL`];
    const after = filter.after;
    if (after && after.stopped && !stopped) return undefined; // past every open timer already
    if (after && after.stopped === stopped) conditions.push(`(t.due_at, t.timer_id) > (${param(after.dueAt)}::timestamptz, ${param(after.timerId)})`);
    return `(SELECT t.*, ${stopped} AS stopped FROM ${SLA_TIMERS_TABLE} t WHERE ${conditions.join(' AND ')} ORDER BY t.due_at, t.timer_id LIMIT ${limit})`;
  };
  const parts = [part(false), part(true)].filter((sql) => sql !== undefined);
  const { rows } = await pool.query<Row>(
    `SELECT t.timer_id, t.order_id, t.kind, t.subject_id, ${ISO('t.started_at')} AS started_at, ${ISO('t.due_at')} AS due_at,
            ${ISO('t.stopped_at')} AS stopped_at, t.duration,
            CASE WHEN t.stopped_at IS NULL AND t.due_at <= ${now} THEN 'overdue' ELSE t.state END AS state,
            a.outcome AS action_outcome, a.code AS action_code, ${ISO('a.attempted_at')} AS action_at
     FROM (${parts.join(' UNION ALL ')}) t
     LEFT JOIN ${SLA_ACTIONS_TABLE} a ON a.timer_id = t.timer_id
     ORDER BY t.stopped, t.due_at, t.timer_id
     LIMIT ${limit}`,
    values,
  );
  return { items: rows.slice(0, filter.limit).map(toItem), hasMore: rows.length > filter.limit };
}

function toItem(row: Row): SlaTimerItem {
  return {
    timerId: row.timer_id,
    orderId: row.order_id,
    kind: row.kind,
    subjectId: row.subject_id,
    startedAt: row.started_at,
    dueAt: row.due_at,
    ...(row.stopped_at !== null ? { stoppedAt: row.stopped_at } : {}),
    state: row.state,
    duration: row.duration,
    ...(row.action_outcome !== null
      ? { action: { outcome: row.action_outcome, ...(row.action_code ? { code: row.action_code } : {}), at: row.action_at as string } }
      : {}),
  };
}
