import type { OrderEventOf } from '../events';
import type { LineState, OrderState } from '../state';
import { updateLines } from '../line-updates';
import type { EvolveHandlers } from '../handlers';
import type { PLACING_EVENTS } from './events';

export function orderPlaced(state: OrderState, event: OrderEventOf<'OrderPlaced'>, occurredAt: string): OrderState {
  const d = event.data;
  const lines: LineState[] = d.lines.map((l) => ({
    lineId: l.lineId,
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    category: l.category,
    status: 'pending_payment',
    stage: 'awaiting_shipment',
    deliveredQuantity: 0,
    returnedQuantity: 0,
    refundedQuantity: 0,
    // Absent optional keys are written out so every line has one shape (see initialOrderState).
    shipmentId: undefined,
    carrier: undefined,
    trackingNumber: undefined,
    dispatchedAt: undefined,
    deliveredAt: undefined,
    deliveryFailure: undefined,
    receiptConfirmed: false,
    openReturnId: undefined,
  }));
  return {
    ...state,
    exists: true,
    orderId: d.orderId,
    customer: d.customer,
    channel: d.channel,
    currency: d.currency,
    lines,
    shippingFee: d.shippingFee,
    payment: d.payment,
    shippingAddress: d.shippingAddress,
    goodsTotal: d.goodsTotal,
    total: d.total,
    placedAt: occurredAt,
  };
}

export function paymentConfirmed(state: OrderState, event: OrderEventOf<'PaymentConfirmed'>, occurredAt: string): OrderState {
  const next: OrderState = {
    ...state,
    paid: true,
    paidAmount: event.data.amount,
    paidAt: occurredAt,
    transactionId: event.data.transactionId,
  };
  return { ...next, lines: updateLines(next, 'all') };
}

export function paymentFailed(state: OrderState, event: OrderEventOf<'PaymentFailed'>): OrderState {
  return { ...state, paymentFailure: event.data.reason };
}

export function orderCancelled(state: OrderState, event: OrderEventOf<'OrderCancelled'>, occurredAt: string): OrderState {
  const next: OrderState = {
    ...state,
    cancelled: true,
    cancellation: { reason: event.data.reason, by: event.data.by, at: occurredAt },
  };
  return { ...next, lines: updateLines(next, 'all') };
}

/** This area's events → how each changes the state (evolve.ts joins every area's table). */
export const placingEvolvers: EvolveHandlers<keyof typeof PLACING_EVENTS> = {
  OrderPlaced: orderPlaced,
  PaymentConfirmed: paymentConfirmed,
  PaymentFailed: paymentFailed,
  OrderCancelled: orderCancelled,
};
