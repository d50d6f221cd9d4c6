import { quoteIdent } from '../runtime/schema-names';

/**
 * Whole numbers of up to 38 digits: more than any sum can reach, since refund_count (bigint) would
 * overflow first (2^63 refunds × (2^53 − 1) < 10^35). Scale 0 keeps them integers of minor units.
 */
const SUM = 'numeric(38, 0)';

/**
 * Tables of the finance read model, in the schema the runtime gives (already created; never
 * hard-coded: a rebuild fills a fresh schema and swaps it in by renaming).
 *
 * - orders: the currency of each order (RefundIssued does not carry it) and its payment method.
 * - refunds: the ledger, one row per RefundIssued. Keyed by (order_id, refund_id) because refund
 *   ids are unique per order, and by event_id, so a batch applied twice inserts nothing.
 * - refund_daily: sums per UTC day × currency for each report dimension: `all` (key ''), and
 *   `method`, `reason`, `destination` (key: the value). A report reads one dimension's rows of the
 *   period (a year: ~2,000 rows for `all`, ~11,000 for `method`), never the ledger; a full cube of
 *   day × currency × method × reason × destination would be ~90,000 rows a year to add up. Only
 *   ever changed by the statement that inserts ledger rows, from the rows it actually inserted.
 *
 * Text ids use COLLATE "C": byte order, so the ledger's keyset order is the same everywhere.
 *
 * Amounts of one refund are bigint: each is at most its order's total, which the write side keeps
 * within 2^53 − 1. Sums of refunds are not bounded that way (1,025 refunds of such an order on one
 * day pass 2^63, and a bigint sum then stopped the projection for good: docs/reliability.md), so
 * refund_daily's sums are SUM (numeric); refund_count stays bigint.
 */
export function financeDdl(schema: string): string {
  const s = quoteIdent(schema);
  return `
    CREATE TABLE ${s}.orders (
      order_id text COLLATE "C" PRIMARY KEY,
      currency text NOT NULL,
      method text NOT NULL
    );

    CREATE TABLE ${s}.refunds (
      order_id text COLLATE "C" NOT NULL,
      refund_id text COLLATE "C" NOT NULL,
      event_id uuid NOT NULL UNIQUE,
      issued_at timestamptz NOT NULL,
      currency text NOT NULL,
      reason text NOT NULL,
      method text NOT NULL,
      destination text NOT NULL,
      goods bigint NOT NULL,
      shipping bigint NOT NULL,
      return_shipping bigint NOT NULL,
      processing_fee bigint NOT NULL,
      fee_retained bigint NOT NULL,
      total bigint NOT NULL,
      PRIMARY KEY (order_id, refund_id)
    );
    -- The ledger's period filter and keyset order in one index.
    CREATE INDEX refunds_issued_order_idx ON ${s}.refunds (issued_at, order_id, refund_id);

    CREATE TABLE ${s}.refund_daily (
      dimension text NOT NULL CHECK (dimension IN ('all', 'method', 'reason', 'destination')),
      day date NOT NULL,
      currency text COLLATE "C" NOT NULL,
      key text COLLATE "C" NOT NULL,
      refund_count bigint NOT NULL,
      goods ${SUM} NOT NULL,
      shipping ${SUM} NOT NULL,
      return_shipping ${SUM} NOT NULL,
      processing_fee ${SUM} NOT NULL,
      fee_retained ${SUM} NOT NULL,
      total ${SUM} NOT NULL,
      PRIMARY KEY (dimension, day, currency, key)
    );
  `;
}
