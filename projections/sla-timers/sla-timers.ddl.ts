import { quoteIdent } from '../runtime/schema-names';

/**
 * `timers`: one row per timer. Its core columns are read by the finance reports (outstanding
 * refunds), so they keep their names and meaning: state is the stored one ('running', 'met',
 * 'late', 'cancelled'); `overdue` is derived by readers from the business clock.
 * `folded_orders`: each order's state as folded so far, what the next batch continues from
 * (the projection owns its fold rather than reading another projection's tables), its personal
 * values blanked (docs/privacy.md): the timers never need them. folded-states.ts reads and
 * writes it.
 */
export function slaTimersDdl(schema: string): string {
  const s = quoteIdent(schema);
  return `
    CREATE TABLE ${s}.timers (
      timer_id text COLLATE "C" PRIMARY KEY,
      order_id text COLLATE "C" NOT NULL,
      -- kind and state: "C" compares bytes (the indexes on them are kept on every write);
      -- readers only test them for equality, which no collation changes.
      kind text COLLATE "C" NOT NULL,
      subject_id text COLLATE "C" NOT NULL,
      started_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      stopped_at timestamptz,
      state text COLLATE "C" NOT NULL CHECK (state IN ('running', 'met', 'late', 'cancelled')),
      -- The policy duration the deadline was computed with, e.g. '3 business days'.
      duration text NOT NULL,
      currency text NOT NULL,
      -- Refund timers: { reason, goods, shipping, returnShipping, processingFee, feeRetained, total }.
      refund_preview jsonb,
      CHECK ((state = 'running') = (stopped_at IS NULL))
    );
    -- At most one running timer per subject: stops and refreshes address it by (order, kind, subject).
    CREATE UNIQUE INDEX timers_running_subject_idx ON ${s}.timers (order_id, kind, subject_id) WHERE stopped_at IS NULL;
    -- The scheduler's due scan and the running/overdue filters: running timers by due time.
    CREATE INDEX timers_running_due_idx ON ${s}.timers (due_at, timer_id) WHERE stopped_at IS NULL;
    -- GET /sla/timers lists by (due_at, timer_id), most urgent first, filtered by one of these.
    CREATE INDEX timers_due_idx ON ${s}.timers (due_at, timer_id);
    CREATE INDEX timers_order_due_idx ON ${s}.timers (order_id, due_at, timer_id);
    CREATE INDEX timers_kind_due_idx ON ${s}.timers (kind, due_at, timer_id);
    CREATE INDEX timers_state_due_idx ON ${s}.timers (state, due_at, timer_id);

    CREATE TABLE ${s}.folded_orders (
      order_id text COLLATE "C" PRIMARY KEY,
      -- Stream revision of the last folded event: an event at or below it is already in.
      revision bigint NOT NULL,
      -- json, not jsonb: nothing queries inside it; it is stored and read back whole, as sent.
      state json NOT NULL
    -- States (2 to 5 KB) stay in the row uncompressed: compressing every one over 2 KB cost
    -- more time than the bytes it saved (docs/sla.md).
    ) WITH (toast_tuple_target = 8160);
  `;
}
