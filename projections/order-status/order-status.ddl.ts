import { quoteIdent } from '../runtime/schema-names';

/**
 * One row per order: the summary columns the list queries filter and sort on, the folded state
 * (what the next batch continues from) and the view served as is by GET /orders/{orderId}.
 * `state` and `view` are json, not jsonb: nothing queries inside them, json is stored and
 * returned as written (jsonb parses on every write and re-serialises on every read, the larger
 * part of a catch-up's cost), and json keeps the view's documented key order (jsonb sorts keys).
 * A row is typically 2 to 5 kB: toast_tuple_target keeps such rows inline and uncompressed
 * (compression cost more CPU than the disk it saved), and fillfactor leaves room for HOT
 * updates, which skip the indexes when status, customer and placement are unchanged.
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
      state json NOT NULL,
      view json NOT NULL
    ) WITH (fillfactor = 75, toast_tuple_target = 8160);
    -- Newest first, keyset on (placed_at, order_id), scanned backwards; then the same by status
    -- and by customer, so each filtered page is one index range.
    CREATE INDEX orders_placed_idx ON ${s}.orders (placed_at, order_id);
    CREATE INDEX orders_status_placed_idx ON ${s}.orders (status, placed_at, order_id);
    CREATE INDEX orders_customer_placed_idx ON ${s}.orders (customer_id, placed_at, order_id);
  `;
}
