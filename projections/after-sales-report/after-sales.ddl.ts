import { quoteIdent } from '../runtime/schema-names';

/**
 * Tables of the after-sales read model (docs/projections.md "After-sales service quality"), in the
 * schema the runtime gives (a rebuild fills a fresh one and swaps it in by renaming).
 *
 * - orders: what later events need of an order: each line's product category (lines come from
 *   OrderPlaced and OrderEdited) and the revision of the last event applied, so a batch applied
 *   twice skips what it already did.
 * - complaint_events: one row per ComplaintOpened, ComplaintResolved, ComplaintReopened and
 *   ComplaintFeedbackGiven, with the order's category when it happened: the counts of a period.
 * - responses: one row per complaint_response timer (an opening or a reopening, keyed by the
 *   sla-timers timer id), closed by the first ComplaintResponded or ComplaintResolved after it,
 *   with the business time that took. Met or breached is the timer's own verdict, read from the
 *   sla-timers model when the report is asked for, never decided here.
 * - returns: one row per return: reason, resolution and category when requested; when received
 *   and, for a repair, when RepairCompleted sent it back and how many business days that took.
 *
 * Times are timestamptz; periods and ISO weeks are taken in UTC by the query, like the refund report.
 */
export function afterSalesDdl(schema: string): string {
  const s = quoteIdent(schema);
  return `
    CREATE TABLE ${s}.orders (
      order_id text COLLATE "C" PRIMARY KEY,
      revision bigint NOT NULL,
      lines jsonb NOT NULL
    );

    CREATE TABLE ${s}.complaint_events (
      order_id text COLLATE "C" NOT NULL,
      revision bigint NOT NULL,
      complaint_id text COLLATE "C" NOT NULL,
      kind text COLLATE "C" NOT NULL CHECK (kind IN ('opened', 'resolved', 'reopened', 'feedback')),
      at timestamptz NOT NULL,
      category text COLLATE "C" NOT NULL,
      satisfied boolean,
      CHECK ((kind = 'feedback') = (satisfied IS NOT NULL)),
      PRIMARY KEY (order_id, revision)
    );
    CREATE INDEX complaint_events_at_idx ON ${s}.complaint_events (at);

    CREATE TABLE ${s}.responses (
      timer_id text COLLATE "C" PRIMARY KEY,
      order_id text COLLATE "C" NOT NULL,
      complaint_id text COLLATE "C" NOT NULL,
      started_at timestamptz NOT NULL,
      category text COLLATE "C" NOT NULL,
      responded_at timestamptz,
      business_ms bigint,
      CHECK ((responded_at IS NULL) = (business_ms IS NULL))
    );
    CREATE INDEX responses_started_idx ON ${s}.responses (started_at);
    CREATE INDEX responses_open_idx ON ${s}.responses (order_id) WHERE responded_at IS NULL;

    CREATE TABLE ${s}.returns (
      order_id text COLLATE "C" NOT NULL,
      return_id text COLLATE "C" NOT NULL,
      requested_at timestamptz NOT NULL,
      category text COLLATE "C" NOT NULL,
      reason text COLLATE "C" NOT NULL,
      resolution text COLLATE "C" NOT NULL,
      received_at timestamptz,
      repaired_at timestamptz,
      repair_business_days integer,
      CHECK ((repaired_at IS NULL) = (repair_business_days IS NULL)),
      PRIMARY KEY (order_id, return_id)
    );
    CREATE INDEX returns_requested_idx ON ${s}.returns (requested_at);
    CREATE INDEX returns_repaired_idx ON ${s}.returns (repaired_at) WHERE repaired_at IS NOT NULL;
  `;
}
