import { SLA_TIMERS_TABLE } from '@app/projections/sla-timers';
import { ACTING_TIMER_KINDS } from '@app/projections/sla-timers/sla-rules';
import type { Pool } from 'pg';
import { SLA_ACTIONS_TABLE } from '@app/projections/sla-timers';
import type { ActingKind, DueTimer } from './timeout-commands';

interface Row {
  timer_id: string;
  order_id: string;
  kind: ActingKind;
  subject_id: string;
}

/**
 * Running acting timers due at `now` (business clock) that no scheduler has dealt with yet,
 * oldest deadline first. `skip`: timers this pass already tried and will retry next tick.
 */
export async function findDueTimers(pool: Pool, now: Date, limit: number, skip: readonly string[] = []): Promise<DueTimer[]> {
  const { rows } = await pool.query<Row>(
    `SELECT t.timer_id, t.order_id, t.kind, t.subject_id
     FROM ${SLA_TIMERS_TABLE} t
     WHERE t.stopped_at IS NULL AND t.due_at <= $1::timestamptz AND t.kind = ANY($2::text[])
       AND NOT EXISTS (SELECT 1 FROM ${SLA_ACTIONS_TABLE} a WHERE a.timer_id = t.timer_id)
       AND t.timer_id <> ALL($3::text[])
     ORDER BY t.due_at, t.timer_id
     LIMIT $4`,
    [now.toISOString(), ACTING_TIMER_KINDS, skip, limit],
  );
  return rows.map((r) => ({ timerId: r.timer_id, orderId: r.order_id, kind: r.kind, subjectId: r.subject_id }));
}
