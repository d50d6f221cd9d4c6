import { quoteIdent } from '../runtime/schema-names';

/**
 * One row per order: the summary columns the list queries filter and sort on, the folded state
 * (what the next batch continues from) and the view served as is by GET /orders/{orderId}.
 * `view` is json, not jsonb: json keeps the text as written, so the view's documented key
 * order survives (jsonb would reorder keys); nothing queries inside it.
 */
export function orderStatusDdl(schema: string): string {
  const s = quoteIdent(schema);
  return `
    CREATE TABLE ${s}.orders (
      order_id text COLLATE "C" PRIMARY KEY,
      status text NOT NULL,
      customer_id text NOT NULL,
      currency text NOT NULL,
      total bigint NOT NULL,
      placed_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      -- Stream revision of the last applied event: an event at or below it is already in.
      revision bigint NOT NULL,
      state jsonb NOT NULL,
      view json NOT NULL
    );
    -- Newest first, keyset on (placed_at, order_id), scanned backwards; then the same by status
    -- and by customer, so each filtered page is one index range.
    CREATE INDEX orders_placed_idx ON ${s}.orders (placed_at, order_id);
    CREATE INDEX orders_status_placed_idx ON ${s}.orders (status, placed_at, order_id);
    CREATE INDEX orders_customer_placed_idx ON ${s}.orders (customer_id, placed_at, order_id);
  `;
}
