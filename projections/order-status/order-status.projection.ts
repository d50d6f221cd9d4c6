import type { RecordedEvent } from '@app/event-store';
import type { OrderState } from '@app/ordering';
import type { PoolClient } from 'pg';
import type { Projection } from '../runtime/projection';
import { quoteIdent } from '../runtime/schema-names';
import { continueFold, groupByOrder } from './fold-orders';
import { orderStatusDdl } from './order-status.ddl';
import { orderRow, type OrderRow } from './order-row';

export const ORDER_STATUS = 'order-status';

/**
 * The order read model behind GET /orders and GET /orders/{orderId}. Per batch: one query loads
 * the stored states of the orders the batch touches, the fold runs in memory, one set-based
 * upsert writes every changed row. Replaying a batch changes nothing: events at or below a row's
 * revision are skipped, and the upsert never lowers a revision.
 */
export const orderStatusProjection: Projection = {
  name: ORDER_STATUS,
  version: 1,
  ddl: orderStatusDdl,
  async apply(client: PoolClient, schema: string, events: RecordedEvent[]): Promise<void> {
    const byOrder = groupByOrder(events);
    if (!byOrder.size) return;
    const table = `${quoteIdent(schema)}.orders`;
    const { rows } = await client.query<{ order_id: string; state: OrderState }>(
      `SELECT order_id, state FROM ${table} WHERE order_id = ANY($1::text[])`,
      [[...byOrder.keys()]],
    );
    const stored = new Map(rows.map((r) => [r.order_id, r.state]));
    const changed: OrderRow[] = [];
    for (const [orderId, orderEvents] of byOrder) {
      const state = continueFold(orderId, stored.get(orderId), orderEvents);
      if (state) changed.push(orderRow(state));
    }
    if (changed.length) await client.query(upsert(table), [JSON.stringify(changed)]);
  },
};

function upsert(table: string): string {
  return `
    INSERT INTO ${table} AS o (order_id, status, customer_id, currency, total, placed_at, updated_at, revision, state, view)
    SELECT order_id, status, customer_id, currency, total, placed_at, updated_at, revision, state, view
    FROM json_to_recordset($1::json) AS r(
      order_id text, status text, customer_id text, currency text, total bigint, placed_at timestamptz,
      updated_at timestamptz, revision bigint, state jsonb, view json)
    ON CONFLICT (order_id) DO UPDATE SET
      status = EXCLUDED.status, customer_id = EXCLUDED.customer_id, currency = EXCLUDED.currency,
      total = EXCLUDED.total, placed_at = EXCLUDED.placed_at, updated_at = EXCLUDED.updated_at,
      revision = EXCLUDED.revision, state = EXCLUDED.state, view = EXCLUDED.view
    WHERE o.revision < EXCLUDED.revision`;
}
