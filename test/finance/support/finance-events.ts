/**
 * Appends finance-relevant events straight to the event store, with the business time we choose
 * (metadata.occurredAt), so date boundaries can be tested to the millisecond. The projection then
 * reads them back through readAll like any other event.
 */
import { randomUUID } from 'node:crypto';
import { orderStream, type AppendResult, type EventStore, type NewEvent } from '@app/event-store';
import type { PaymentMethod, RefundDestination, RefundIssued, RefundReason } from '@app/ordering';

export interface RefundSpec {
  refundId: string;
  at: string;
  reason?: RefundReason;
  destination?: RefundDestination;
  goods?: number;
  shipping?: number;
  returnShipping?: number;
  processingFee?: number;
  feeRetained?: number;
}

export function event(type: string, data: Record<string, unknown>, occurredAt: string): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: { occurredAt, schemaVersion: 1, actor: { type: 'system', name: 'test' } } };
}

export function orderPlaced(orderId: string, currency: string, method: PaymentMethod, at: string): NewEvent {
  return event('OrderPlaced', {
    orderId,
    customer: { id: `c-${orderId}`, registered: true },
    channel: 'web',
    currency,
    lines: [{ lineId: '1', sku: 'SKU', name: 'Thing', quantity: 1, unitPrice: 100_000, category: 'physical' }],
    shippingFee: 500,
    payment: { method, processingFee: method === 'wallet' ? 0 : 150 },
    goodsTotal: 100_000,
    total: 100_650,
  }, at);
}

export function refundIssued(method: PaymentMethod, spec: RefundSpec): NewEvent {
  const goods = spec.goods ?? 1000;
  const shipping = spec.shipping ?? 0;
  const returnShipping = spec.returnShipping ?? 0;
  const processingFee = spec.processingFee ?? 0;
  const data: RefundIssued = {
    refundId: spec.refundId,
    reason: spec.reason ?? 'goodwill',
    lines: [],
    destination: spec.destination ?? 'original',
    method,
    goods,
    shipping,
    returnShipping,
    processingFee,
    feeRetained: spec.feeRetained ?? 0,
    total: goods + shipping + returnShipping + processingFee,
  };
  return event('RefundIssued', data as unknown as Record<string, unknown>, spec.at);
}

export interface OrderSpec {
  orderId: string;
  currency: string;
  method: PaymentMethod;
  placedAt?: string;
}

/** The events of one order and its refunds, for one stream. */
export function orderEvents(order: OrderSpec, refunds: RefundSpec[]): NewEvent[] {
  const placedAt = order.placedAt ?? '2020-01-01T00:00:00.000Z';
  return [orderPlaced(order.orderId, order.currency, order.method, placedAt), ...refunds.map((r) => refundIssued(order.method, r))];
}

/** One order and its refunds, in one stream, in one append. */
export function appendOrderWithRefunds(store: EventStore, order: OrderSpec, refunds: RefundSpec[]): Promise<AppendResult> {
  return store.append(orderStream(order.orderId), orderEvents(order, refunds), 'any');
}
