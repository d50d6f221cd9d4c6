import { toOrderView, type OrderState } from '@app/ordering';

/** A row of `<schema>.orders` as json_to_recordset reads it (see the upsert). */
export interface OrderRow {
  order_id: string;
  status: string;
  customer_id: string;
  currency: string;
  total: number;
  placed_at: string;
  updated_at: string;
  revision: number;
  state: OrderState;
  view: ReturnType<typeof toOrderView>;
}

/** toOrderView throws order_not_found for a stream without OrderPlaced: the batch fails loudly rather than skip it. */
export function orderRow(state: OrderState): OrderRow {
  const view = toOrderView(state);
  return {
    order_id: view.orderId,
    status: view.status,
    customer_id: view.customer.id,
    currency: view.currency,
    total: view.total,
    placed_at: view.placedAt,
    updated_at: view.updatedAt,
    revision: view.revision,
    state,
    view,
  };
}
