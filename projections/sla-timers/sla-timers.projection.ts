import type { RecordedEvent } from '@app/event-store';
import { orderDecider, type BusinessCalendar, type OrderPolicy, type OrderState } from '@app/ordering';
import type { PoolClient } from 'pg';
import type { Projection } from '../runtime/projection';
import { liveSchemaOf, quoteIdent } from '../runtime/schema-names';
import { groupByOrder } from '../shared/group-by-order';
import { FoldedStates } from './folded-states';
import { foldStoredEvents, type FoldStep } from '@app/order-fold';
import { slaTimerChangesOfSteps, type TimerChange } from './sla-rules';
import { slaTimersDdl } from './sla-timers.ddl';
import { textArray } from './text-arrays';
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
 * The sla-timers read model (docs/domain-rules.md "Service-level timers"). Per batch: one query loads the
 * folded states of the batch's orders (only those this process did not write itself,
 * folded-states.ts) and one their running timers; the fold and the timer rules run in memory;
 * one statement writes the states, one updates the timers that stopped or changed, one inserts
 * the new ones. Replaying a batch changes nothing: events at or below an order's folded
 * revision are skipped.
 * Version 2: the folded states are stored without personal data (the timer rules never read it),
 * so there is nothing here for an erasure to clean; the rebuild on upgrade drops older copies.
 * Version 3: the same rows, stored cheaper (catch-up speed, docs/sla.md "Storage"): states as
 * json kept uncompressed in the row, kind and state in the "C" collation.
 * Version 4: folded states also redact free-text reasons and resolutions (#21.6); the rebuild
 * on upgrade drops copies that kept them.
 */
export function createSlaTimersProjection(options: SlaTimersOptions): Projection {
  /** Per schema: the live one, and a rebuild's beside it in the same process. */
  const foldedStates = new Map<string, FoldedStates>();
  const statesOf = (schema: string): FoldedStates => {
    let states = foldedStates.get(schema);
    if (!states) foldedStates.set(schema, (states = new FoldedStates()));
    return states;
  };
  return {
    name: SLA_TIMERS,
    // 4: folded states carry cancelled quantities, balance and edits (issue #18); balance and edit refund timers.
    // 5: folded complaints carry awaitingFeedback, feedback and reopenedCount; follow_up timers (issue #19).
    // 6: folded lines carry exchangedQuantity and exchangeOf; exchange balance and exchange refund timers (issue #19).
    version: 6,
    ddl: slaTimersDdl,
    async apply(client: PoolClient, schema: string, events: RecordedEvent[]): Promise<void> {
      const byOrder = groupByOrder(events);
      if (!byOrder.size) return;
      const s = quoteIdent(schema);
      const orderIds = [...byOrder.keys()];
      const states = statesOf(schema);
      const [stored, running] = await Promise.all([states.load(client, s, orderIds), loadRunning(client, s, orderIds)]);
      const folded: OrderChanges[] = [];
      for (const [orderId, orderEvents] of byOrder) {
        const steps: FoldStep[] = [];
        foldStoredEvents(stored.get(orderId) ?? orderDecider.initialState, orderEvents, { reader: SLA_TIMERS, onStep: (step) => steps.push(step) });
        if (!steps.length) continue;
        const changes = slaTimerChangesOfSteps(steps, options.policy, options.calendar);
        folded.push({ orderId, state: steps[steps.length - 1].after, changes });
      }
      if (!folded.length) return;
      const kept = schema === SLA_TIMERS_LIVE_SCHEMA ? new Map<string, KeptDeadline>() : await liveDeadlines(client, startedIds(folded));
      const timers = new BatchTimers(running, kept);
      for (const { orderId, changes } of folded) timers.apply(orderId, changes);
      await states.save(client, s, folded);
      // Updates first: a timer stopped in this batch must leave the "one running per subject"
      // index before a new timer of the same subject is inserted.
      if (timers.updates.length) await updateTimers(client, s, timers.updates);
      if (timers.inserts.length) await insertTimers(client, s, timers.inserts);
    },
  };
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

async function loadRunning(client: PoolClient, s: string, orderIds: string[]): Promise<TimerRow[]> {
  const { rows } = await client.query<TimerRow>(
    `SELECT timer_id, order_id, kind, subject_id, ${ISO('started_at')} AS started_at, ${ISO('due_at')} AS due_at,
            NULL AS stopped_at, state, duration, currency, refund_preview
     FROM ${s}.timers WHERE order_id = ANY($1::text[]) AND stopped_at IS NULL`, [textArray(orderIds)]);
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

/**
 * Timer rows travel as one array per column (unnest, text-arrays.ts): ids, kinds and times need
 * no JSON document taken apart per row; a refund preview (one row in ten) is a JSON text cast
 * to jsonb.
 */
async function insertTimers(client: PoolClient, s: string, rows: readonly TimerRow[]): Promise<void> {
  await client.query(
    `INSERT INTO ${s}.timers (timer_id, order_id, kind, subject_id, started_at, due_at, stopped_at, state, duration, currency, refund_preview)
     SELECT timer_id, order_id, kind, subject_id, started_at, due_at, stopped_at, state, duration, currency, refund_preview::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[],
                 $8::text[], $9::text[], $10::text[], $11::text[])
       AS r(timer_id, order_id, kind, subject_id, started_at, due_at, stopped_at, state, duration, currency, refund_preview)
     ORDER BY stopped_at IS NULL`,
    [
      column(rows, (r) => r.timer_id), column(rows, (r) => r.order_id), column(rows, (r) => r.kind), column(rows, (r) => r.subject_id),
      column(rows, (r) => r.started_at), column(rows, (r) => r.due_at), column(rows, (r) => r.stopped_at), column(rows, (r) => r.state),
      column(rows, (r) => r.duration), column(rows, (r) => r.currency), column(rows, (r) => previewText(r.refund_preview)),
    ],
  );
}

/**
 * Only what a stop, a cancellation or a refreshed preview changes. In timer id order: the rows
 * are found through the primary key, and neighbouring keys share index pages (measured ~20 %
 * faster than the batch's order).
 */
async function updateTimers(client: PoolClient, s: string, unordered: readonly TimerRow[]): Promise<void> {
  const rows = [...unordered].sort((a, b) => (a.timer_id < b.timer_id ? -1 : a.timer_id > b.timer_id ? 1 : 0));
  await client.query(
    `UPDATE ${s}.timers AS t SET stopped_at = r.stopped_at, state = r.state, refund_preview = r.refund_preview::jsonb
     FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[]) AS r(timer_id, stopped_at, state, refund_preview)
     WHERE t.timer_id = r.timer_id`,
    [column(rows, (r) => r.timer_id), column(rows, (r) => r.stopped_at), column(rows, (r) => r.state), column(rows, (r) => previewText(r.refund_preview))],
  );
}

const column = (rows: readonly TimerRow[], value: (row: TimerRow) => string | null): string => textArray(rows.map(value));

const previewText = (preview: TimerRow['refund_preview']): string | null => (preview === null ? null : JSON.stringify(preview));
