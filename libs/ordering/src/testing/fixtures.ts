/**
 * A standard order and builders for events and commands, so specs state only what matters.
 *
 * The standard order "o-1", paid by card:
 *   line 1: Keyboard, 2 × 4999 (physical)     = 9998
 *   line 2: Mouse,    1 × 2500 (physical)     = 2500
 *   goodsTotal 12498, shippingFee 500, processingFee 150 → total 13148
 */
import type {
  Category, DeliveryFailureReason, Inspection, LineQuantity, OrderEvent, OrderEventOf, OrderPlaced, PaymentMethod,
  RefundDestination, RefundReason, ReturnReason, ReturnResolution,
} from '../events';
import type { PlaceOrder } from '../commands';
import { at } from './decider-spec';
import type { GivenEvent } from './decider-spec';

export const ORDER_ID = 'o-1';
export const GOODS_TOTAL = 12498;
export const SHIPPING_FEE = 500;
export const PROCESSING_FEE = 150;
export const TOTAL = 13148;

/** Times of the standard story (UTC). Placed on a Monday. */
export const T = {
  placed: '2026-03-02T09:00:00.000Z',
  paid: '2026-03-02T09:05:00.000Z',
  dispatched: '2026-03-03T10:00:00.000Z',
  delivered: '2026-03-05T14:00:00.000Z',
} as const;

export const ADDRESS = { name: 'Ana', line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' };

export function placeOrderCommand(overrides: Partial<PlaceOrder> = {}): PlaceOrder {
  return {
    type: 'PlaceOrder',
    orderId: ORDER_ID,
    customer: { id: 'c-42', email: 'ana@example.com', name: 'Ana', registered: true },
    channel: 'web',
    currency: 'EUR',
    lines: [
      { lineId: '1', sku: 'KB-01', name: 'Keyboard', quantity: 2, unitPrice: 4999, category: 'physical' },
      { lineId: '2', sku: 'MS-01', name: 'Mouse', quantity: 1, unitPrice: 2500, category: 'physical' },
    ],
    shippingFee: SHIPPING_FEE,
    payment: { method: 'card', processingFee: PROCESSING_FEE },
    shippingAddress: ADDRESS,
    ...overrides,
  };
}

export function orderPlacedData(overrides: Partial<OrderPlaced> = {}): OrderPlaced {
  return {
    orderId: ORDER_ID,
    customer: { id: 'c-42', email: 'ana@example.com', name: 'Ana', registered: true },
    channel: 'web',
    currency: 'EUR',
    lines: [
      { lineId: '1', sku: 'KB-01', name: 'Keyboard', quantity: 2, unitPrice: 4999, category: 'physical' },
      { lineId: '2', sku: 'MS-01', name: 'Mouse', quantity: 1, unitPrice: 2500, category: 'physical' },
    ],
    shippingFee: SHIPPING_FEE,
    payment: { method: 'card', processingFee: PROCESSING_FEE },
    shippingAddress: ADDRESS,
    goodsTotal: GOODS_TOTAL,
    total: TOTAL,
    ...overrides,
  };
}

/** An order whose totals are computed from its lines, fees and method. */
export function customOrder(spec: {
  lines: Array<{ lineId: string; quantity: number; unitPrice: number; category?: Category }>;
  shippingFee?: number; processingFee?: number; method?: PaymentMethod; registered?: boolean;
}): OrderEventOf<'OrderPlaced'> {
  const lines = spec.lines.map((l) => ({
    lineId: l.lineId, sku: `SKU-${l.lineId}`, name: `Item ${l.lineId}`, quantity: l.quantity, unitPrice: l.unitPrice,
    category: l.category ?? 'physical',
  }));
  const goodsTotal = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  const shippingFee = spec.shippingFee ?? 0;
  const processingFee = spec.processingFee ?? 0;
  return placed({
    lines, goodsTotal, shippingFee, payment: { method: spec.method ?? 'card', processingFee },
    total: goodsTotal + shippingFee + processingFee,
    customer: { id: 'c-42', registered: spec.registered ?? true },
  });
}

/** JSON round trip: an override of `undefined` removes the key, as in a stored event. */
export const placed = (overrides: Partial<OrderPlaced> = {}): OrderEventOf<'OrderPlaced'> =>
  JSON.parse(JSON.stringify({ type: 'OrderPlaced', data: orderPlacedData(overrides) }));
export const paid = (amount = TOTAL): OrderEvent => ({ type: 'PaymentConfirmed', data: { transactionId: 'tx-1', amount } });
export const cancelled = (reason = 'customer_request', by: 'customer' | 'merchant' | 'system' = 'customer'): OrderEvent =>
  ({ type: 'OrderCancelled', data: { reason, by } });
export const dispatched = (shipmentId: string, lineIds: string[]): OrderEvent =>
  ({ type: 'ShipmentDispatched', data: { shipmentId, lineIds, carrier: 'DHL', trackingNumber: `TRK-${shipmentId}` } });
export const delivered = (lineId: string, deliveredAt: string): OrderEvent =>
  ({ type: 'ItemDelivered', data: { lineId, deliveredAt: new Date(deliveredAt).toISOString() } });
export const deliveryFailed = (lineId: string, reason: DeliveryFailureReason = 'lost'): OrderEvent =>
  ({ type: 'ItemDeliveryFailed', data: { lineId, reason } });
export const replacementShipped = (shipmentId: string, lineIds: string[], returnId?: string): OrderEvent => ({
  type: 'ReplacementShipped',
  data: { lineIds, shipmentId, carrier: 'UPS', trackingNumber: `TRK-${shipmentId}`, ...(returnId ? { returnId } : {}) },
});
export const receiptConfirmed = (lineIds: string[], by: 'buyer' | 'system' = 'buyer'): OrderEvent =>
  ({ type: 'ReceiptConfirmed', data: { lineIds, by } });
export const returnRequested = (
  returnId: string, lines: LineQuantity[], reason: ReturnReason = 'defective', resolution: ReturnResolution = 'refund',
): OrderEvent => ({ type: 'ReturnRequested', data: { returnId, lines, reason, resolution, merchantFault: reason !== 'no_reason' } });
export const returnApproved = (returnId: string): OrderEvent => ({ type: 'ReturnApproved', data: { returnId } });
export const returnRejected = (returnId: string, reason = 'outside policy'): OrderEvent => ({ type: 'ReturnRejected', data: { returnId, reason } });
export const returnDispatched = (returnId: string, shippingCost = 0): OrderEvent =>
  ({ type: 'ReturnDispatched', data: { returnId, carrier: 'La Poste', trackingNumber: `RT-${returnId}`, shippingCost } });
export const returnReceived = (returnId: string, inspection: Inspection = 'passed'): OrderEvent =>
  ({ type: 'ReturnReceived', data: { returnId, inspection } });
export const complaintOpened = (complaintId: string): OrderEvent =>
  ({ type: 'ComplaintOpened', data: { complaintId, category: 'delivery', message: 'Late' } });
export const complaintResponded = (complaintId: string): OrderEvent =>
  ({ type: 'ComplaintResponded', data: { complaintId, message: 'Sorry' } });
export const complaintResolved = (complaintId: string): OrderEvent =>
  ({ type: 'ComplaintResolved', data: { complaintId, resolution: 'voucher' } });
export const complaintFeedbackGiven = (complaintId: string, satisfied: boolean, comment?: string): OrderEvent =>
  ({ type: 'ComplaintFeedbackGiven', data: { complaintId, satisfied, ...(comment !== undefined ? { comment } : {}) } });
export const complaintReopened = (complaintId: string): OrderEvent => ({ type: 'ComplaintReopened', data: { complaintId } });

export function refundIssued(data: {
  refundId: string; reason: RefundReason; lines?: LineQuantity[]; returnId?: string; editId?: string; destination?: RefundDestination;
  method?: PaymentMethod; goods: number; shipping?: number; returnShipping?: number; processingFee?: number; feeRetained?: number;
}): OrderEvent {
  const shipping = data.shipping ?? 0;
  const returnShipping = data.returnShipping ?? 0;
  const processingFee = data.processingFee ?? 0;
  return {
    type: 'RefundIssued',
    data: {
      refundId: data.refundId, reason: data.reason, ...(data.returnId ? { returnId: data.returnId } : {}),
      ...(data.editId ? { editId: data.editId } : {}),
      lines: data.lines ?? [], destination: data.destination ?? 'original', method: data.method ?? 'card',
      goods: data.goods, shipping, returnShipping, processingFee, feeRetained: data.feeRetained ?? 0,
      total: data.goods + shipping + returnShipping + processingFee,
    },
  };
}

/** The standard order placed and paid. */
export function paidOrder(): GivenEvent[] {
  return [at(T.placed, placed()), at(T.paid, paid())];
}

/** The standard order with both lines shipped together. */
export function shippedOrder(): GivenEvent[] {
  return [...paidOrder(), at(T.dispatched, dispatched('s-1', ['1', '2']))];
}

/** The standard order with both lines delivered on Thursday 5 March 2026, 14:00 UTC. */
export function deliveredOrder(): GivenEvent[] {
  return [...shippedOrder(), at(T.delivered, delivered('1', T.delivered)), at(T.delivered, delivered('2', T.delivered))];
}
