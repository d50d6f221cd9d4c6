import type { OrderEventOf } from '../events';
import type { LineState, OrderState } from '../state';
import { cancelUnits, newLine, shiftBalance, updateLines, withTotals } from '../line-updates';
import { liveQuantity } from '../queries';
import type { EvolveHandlers } from '../handlers';
import type { PLACING_EVENTS } from './events';

export function orderPlaced(state: OrderState, event: OrderEventOf<'OrderPlaced'>, occurredAt: string): OrderState {
  const d = event.data;
  const lines: LineState[] = d.lines.map(newLine);
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
  if (state.paid) return balancePaid(state, event.data.amount);
  const next: OrderState = {
    ...state,
    paid: true,
    paidAmount: event.data.amount,
    paidGoods: state.goodsTotal,
    paidAt: occurredAt,
    transactionId: event.data.transactionId,
  };
  return { ...next, lines: updateLines(next, 'all') };
}

/** A payment on a paid order settles the balance an edit left: its units may ship. */
function balancePaid(state: OrderState, amount: number): OrderState {
  const waiting = state.lines.filter((l) => l.awaitingBalanceQuantity > 0).map((l) => l.lineId);
  const next: OrderState = {
    ...state,
    paidAmount: state.paidAmount + amount,
    paidGoods: state.paidGoods + amount,
    balanceDue: 0,
    balanceDueSince: undefined,
    replacedUnderBalance: undefined,
  };
  return { ...next, lines: updateLines(next, waiting, (l) => ({ ...l, awaitingBalanceQuantity: 0 })) };
}

export function paymentFailed(state: OrderState, event: OrderEventOf<'PaymentFailed'>): OrderState {
  return { ...state, paymentFailure: event.data.reason };
}

/** Every live unit is cancelled with the order: owed back if paid for, settled otherwise. */
export function orderCancelled(state: OrderState, event: OrderEventOf<'OrderCancelled'>, occurredAt: string): OrderState {
  let unpaidGoods = 0;
  const lines = state.lines.map((l) => {
    const live = liveQuantity(l);
    if (live === 0) return l;
    const cancelled = cancelUnits(l, live, state.paid, false);
    unpaidGoods += cancelled.unpaidGoods;
    return cancelled.line;
  });
  const next: OrderState = withTotals({
    ...state,
    ...shiftBalance(state, -unpaidGoods),
    balanceDueSince: undefined,
    replacedUnderBalance: undefined,
    lines,
    cancelled: true,
    cancellation: { reason: event.data.reason, by: event.data.by, at: occurredAt },
  });
  return { ...next, lines: updateLines(next, 'all') };
}

/** This area's events → how each changes the state (evolve.ts joins every area's table). */
export const placingEvolvers: EvolveHandlers<keyof typeof PLACING_EVENTS> = {
  OrderPlaced: orderPlaced,
  PaymentConfirmed: paymentConfirmed,
  PaymentFailed: paymentFailed,
  OrderCancelled: orderCancelled,
};
