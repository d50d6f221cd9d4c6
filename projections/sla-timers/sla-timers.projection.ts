import type { RecordedEvent } from '@app/event-store';
import { redactPersonalData, type BusinessCalendar, type OrderPolicy, type OrderState } from '@app/ordering';
import type { PoolClient } from 'pg';
import type { Projection } from '../runtime/projection';
import { liveSchemaOf, quoteIdent } from '../runtime/schema-names';
import { groupByOrder } from '../shared/group-by-order';
import { foldSteps } from './order-folds';
import { slaTimerChanges, type TimerChange } from './sla-rules';
import { slaTimersDdl } from './sla-timers.ddl';
import { BatchTimers, type KeptDeadline, type TimerRow } from './timer-rows';

export const SLA_TIMERS = 'sla-timers';
/** What readers query: after a rebuild's swap the same name resolves to the new tables. */
export const SLA_TIMERS_LIVE_SCHEMA = liveSchemaOf(SLA_TIMERS);
export const SLA_TIMERS_TABLE = `${quoteIdent(SLA_TIMERS_LIVE_SCHEMA)}.timers`;

export interface SlaTimersOptions {
  /** Durations of new timers (config: policyFromConfig). */
  policy: OrderPolicy;
  /** Zone and holidays of business and calendar days (config: calendarFromConfig). */
  calendar: BusinessCalendar;
}

interface OrderChanges {
  orderId: string;
  state: OrderState;
  changes: TimerChange[];
}

/**
 * The sla-timers read model (domain.md "Service-level timers"). Per batch: one query loads the
 * folded states of the batch's orders and one their running timers; the fold and the timer
 * rules run in memory; one statement writes the states, one updates the timers that stopped or
 * changed, one inserts the new ones. Replaying a batch changes nothing: events at or below an
 * order's folded revision are skipped.
 * Version 2: the folded states are stored without personal data (the timer rules never read it),
 * so there is nothing here for an erasure to clean; the rebuild on upgrade drops older copies.
 */
export function createSlaTimersProjection(options: SlaTimersOptions): Projection {
  return {
    name: SLA_TIMERS,
    version: 2,
    ddl: slaTimersDdl,
    async apply(client: PoolClient, schema: string, events: RecordedEvent[]): Promise<void> {
      const byOrder = groupByOrder(events);
      if (!byOrder.size) return;
      const s = quoteIdent(schema);
      const orderIds = [...byOrder.keys()];
      const [stored, running] = await Promise.all([loadStates(client, s, orderIds), loadRunning(client, s, orderIds)]);
      const folded: OrderChanges[] = [];
      for (const [orderId, orderEvents] of byOrder) {
        const steps = foldSteps(orderId, stored.get(orderId), orderEvents);
        if (!steps.length) continue;
        const changes = steps.flatMap((step) =>
          slaTimerChanges(step.before, step.after, step.event, step.meta, options.policy, options.calendar));
        folded.push({ orderId, state: steps[steps.length - 1].after, changes });
      }
      if (!folded.length) return;
      const kept = schema === SLA_TIMERS_LIVE_SCHEMA ? new Map<string, KeptDeadline>() : await liveDeadlines(client, startedIds(folded));
      const timers = new BatchTimers(running, kept);
      for (const { orderId, changes } of folded) timers.apply(orderId, changes);
      await saveStates(client, s, folded);
      // Updates first: a timer stopped in this batch must leave the "one running per subject"
      // index before a new timer of the same subject is inserted.
      if (timers.updates.length) await client.query(updateTimers(s), [JSON.stringify(timers.updates)]);
      if (timers.inserts.length) await client.query(insertTimers(s), [JSON.stringify(timers.inserts)]);
    },
  };
}

async function loadStates(client: PoolClient, s: string, orderIds: string[]): Promise<Map<string, OrderState>> {
  const { rows } = await client.query<{ order_id: string; state: OrderState }>(
    `SELECT order_id, state FROM ${s}.folded_orders WHERE order_id = ANY($1::text[])`, [orderIds]);
  return new Map(rows.map((r) => [r.order_id, r.state]));
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

async function loadRunning(client: PoolClient, s: string, orderIds: string[]): Promise<TimerRow[]> {
  const { rows } = await client.query<TimerRow>(
    `SELECT timer_id, order_id, kind, subject_id, ${ISO('started_at')} AS started_at, ${ISO('due_at')} AS due_at,
            NULL AS stopped_at, state, duration, currency, refund_preview
     FROM ${s}.timers WHERE order_id = ANY($1::text[]) AND stopped_at IS NULL`, [orderIds]);
  return rows;
}

function startedIds(folded: readonly OrderChanges[]): string[] {
  return folded.flatMap((o) => o.changes.flatMap((c) => (c.type === 'start' ? [c.timerId] : [])));
}

/**
 * A rebuild (any schema but the live one) keeps the deadlines the live model already set: they
 * were computed under the policy in force when the timer started, which a rebuild cannot know.
 */
async function liveDeadlines(client: PoolClient, timerIds: string[]): Promise<Map<string, KeptDeadline>> {
  if (!timerIds.length) return new Map();
  const { rows: exists } = await client.query<{ table: string | null }>(`SELECT to_regclass($1) AS table`, [`${SLA_TIMERS_LIVE_SCHEMA}.timers`]);
  if (!exists[0].table) return new Map();
  const { rows } = await client.query<KeptDeadline & { timer_id: string }>(
    `SELECT timer_id, ${ISO('due_at')} AS due_at, duration FROM ${SLA_TIMERS_TABLE} WHERE timer_id = ANY($1::text[])`, [timerIds]);
  return new Map(rows.map((r) => [r.timer_id, { due_at: r.due_at, duration: r.duration }]));
}

async function saveStates(client: PoolClient, s: string, folded: readonly OrderChanges[]): Promise<void> {
  // Data minimisation: the next batch folds on from a state whose personal values read "[erased]".
  const rows = folded.map((o) => ({ order_id: o.orderId, revision: o.state.revision, state: redactPersonalData(o.state) }));
  await client.query(
    `INSERT INTO ${s}.folded_orders AS f (order_id, revision, state)
     SELECT order_id, revision, state FROM json_to_recordset($1::json) AS r(order_id text, revision bigint, state jsonb)
     ON CONFLICT (order_id) DO UPDATE SET revision = EXCLUDED.revision, state = EXCLUDED.state
     WHERE f.revision < EXCLUDED.revision`,
    [JSON.stringify(rows)],
  );
}

const RECORD = `AS r(timer_id text, order_id text, kind text, subject_id text, started_at timestamptz, due_at timestamptz,
  stopped_at timestamptz, state text, duration text, currency text, refund_preview jsonb)`;

function updateTimers(s: string): string {
  return `
    UPDATE ${s}.timers AS t SET stopped_at = r.stopped_at, state = r.state, refund_preview = r.refund_preview
    FROM json_to_recordset($1::json) ${RECORD}
    WHERE t.timer_id = r.timer_id`;
}

function insertTimers(s: string): string {
  return `
    INSERT INTO ${s}.timers (timer_id, order_id, kind, subject_id, started_at, due_at, stopped_at, state, duration, currency, refund_preview)
    SELECT timer_id, order_id, kind, subject_id, started_at, due_at, stopped_at, state, duration, currency, refund_preview
    FROM json_to_recordset($1::json) ${RECORD}
    ORDER BY stopped_at IS NULL`;
}
