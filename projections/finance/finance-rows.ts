/**
 * From recorded events to the rows the two apply statements take (as one JSON array each).
 * Pure, so the mapping rules (currency source, issuedAt, upcasting) are unit-tested alone.
 */
import type { RecordedEvent } from '@app/event-store';
import { orderIdFromStream } from '@app/event-store';
import { upcastOrderEvent, type OrderPlaced, type RefundIssued } from '@app/ordering';

export interface OrderRow {
  order_id: string;
  currency: string;
  method: string;
}

export interface RefundRow {
  event_id: string;
  order_id: string;
  refund_id: string;
  issued_at: string;
  reason: string;
  method: string;
  destination: string;
  goods: number;
  shipping: number;
  return_shipping: number;
  processing_fee: number;
  fee_retained: number;
  total: number;
}

export interface FinanceRows {
  orders: OrderRow[];
  refunds: RefundRow[];
}

/** Business time of the event (metadata.occurredAt), else when the store recorded it. */
export function occurredAt(event: RecordedEvent): string {
  const at = event.metadata.occurredAt;
  if (typeof at === 'string' && !Number.isNaN(Date.parse(at))) return new Date(at).toISOString();
  return event.recordedAt.toISOString();
}

/** Event data in today's schema: stored events of an older version go through the upcasters. */
function currentData<T>(event: RecordedEvent): T {
  const version = typeof event.metadata.schemaVersion === 'number' ? event.metadata.schemaVersion : 1;
  return upcastOrderEvent(event.type, event.data, version).data as T;
}

function orderIdOf(event: RecordedEvent): string {
  const orderId = orderIdFromStream(event.streamId);
  // Never skip silently: a refund outside an order stream is a bug upstream, so stop the projection.
  if (orderId === null) throw new Error(`finance: ${event.type} ${event.eventId} is in stream ${event.streamId}, not an order stream`);
  return orderId;
}

export function financeRows(events: readonly RecordedEvent[]): FinanceRows {
  const rows: FinanceRows = { orders: [], refunds: [] };
  for (const event of events) {
    if (event.type === 'OrderPlaced') {
      const placed = currentData<OrderPlaced>(event);
      rows.orders.push({ order_id: orderIdOf(event), currency: placed.currency, method: placed.payment.method });
    } else if (event.type === 'RefundIssued') {
      const refund = currentData<RefundIssued>(event);
      rows.refunds.push({
        event_id: event.eventId,
        order_id: orderIdOf(event),
        refund_id: refund.refundId,
        issued_at: occurredAt(event),
        reason: refund.reason,
        method: refund.method,
        destination: refund.destination,
        goods: refund.goods,
        shipping: refund.shipping,
        return_shipping: refund.returnShipping,
        processing_fee: refund.processingFee,
        fee_retained: refund.feeRetained,
        total: refund.total,
      });
    }
  }
  return rows;
}
