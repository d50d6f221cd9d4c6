import { customerStream, type RecordedEvent } from '@app/event-store';
import { CUSTOMER_DATA_ERASED, redactPersonalData, type OrderState } from '@app/ordering';
import type { PoolClient } from 'pg';
import { orderRow } from './order-row';

/** The customer a CustomerDataErased names, when the event is one (on its `customer-<id>` stream); else null. */
export function erasedCustomerOf(event: RecordedEvent): string | null {
  if (event.type !== CUSTOMER_DATA_ERASED) return null;
  const customerId = event.data.customerId;
  return typeof customerId === 'string' && event.streamId === customerStream(customerId) ? customerId : null;
}

/**
 * A batch cut at each erasure, in order: the orders folded before an erasure must be written
 * before it redacts them (an order placed and erased in one batch), and what comes after it
 * must not be redacted by it.
 */
export type BatchPart = { orders: RecordedEvent[] } | { erasedCustomerId: string };

export function splitAtErasures(events: readonly RecordedEvent[]): BatchPart[] {
  const parts: BatchPart[] = [];
  let orders: RecordedEvent[] = [];
  for (const event of events) {
    const erasedCustomerId = erasedCustomerOf(event);
    if (erasedCustomerId === null) {
      orders.push(event);
      continue;
    }
    if (orders.length) parts.push({ orders });
    parts.push({ erasedCustomerId });
    orders = [];
  }
  if (orders.length) parts.push({ orders });
  return parts;
}

/**
 * Removes the plaintext copies of the customer's personal data from every row of theirs: the
 * state (what the next batch folds on from) and the view (what GET /orders/{id} serves) both
 * read "[erased]" there, amounts and statuses untouched. Revisions stay: later events of the
 * order fold on from the redacted state. Applying it again changes nothing.
 */
export async function redactCustomer(client: PoolClient, table: string, customerId: string): Promise<void> {
  const { rows } = await client.query<{ order_id: string; state: OrderState }>(
    `SELECT order_id, state FROM ${table} WHERE customer_id = $1`, [customerId]);
  if (!rows.length) return;
  const redacted = rows.map(({ state }) => {
    const row = orderRow(redactPersonalData(state));
    return { order_id: row.order_id, state: row.state, view: row.view };
  });
  await client.query(
    `UPDATE ${table} AS o SET state = r.state, view = r.view
     FROM json_to_recordset($1::json) AS r(order_id text, state json, view json)
     WHERE o.order_id = r.order_id`,
    [JSON.stringify(redacted)],
  );
}
