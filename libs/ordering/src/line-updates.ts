import type { OrderLine } from './values';
import type { LineState, OrderState } from './state';
import { liveGoods, liveQuantity } from './queries';
import { withCurrentStatus } from './status';

/**
 * Applies `change` to the named lines (every line when `lineIds` is 'all') and refreshes their
 * shown status against `state`, which must already carry the event's order-level changes
 * (paid, cancelled, returns). Untouched lines keep their identity.
 */
export function updateLines(
  state: OrderState,
  lineIds: readonly string[] | 'all',
  change: (line: LineState) => LineState = (l) => l,
): readonly LineState[] {
  const wanted = lineIds === 'all' ? undefined : new Set(lineIds);
  return state.lines.map((line) => (wanted && !wanted.has(line.lineId) ? line : withCurrentStatus(change(line), state)));
}

export function quantitiesByLine(lines: ReadonlyArray<{ lineId: string; quantity: number }>): Map<string, number> {
  const map = new Map<string, number>();
  for (const l of lines) map.set(l.lineId, (map.get(l.lineId) ?? 0) + l.quantity);
  return map;
}

/** A line as it enters the order (placed, or added by an edit), before any fulfilment. */
export function newLine(l: OrderLine): LineState {
  return {
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
    cancelledQuantity: 0,
    refundOwedQuantity: 0,
    cancelledSettledQuantity: 0,
    awaitingBalanceQuantity: 0,
    exchangedQuantity: 0,
    exchangeOf: undefined,
    // Absent optional keys are written out so every line has one shape (see initialOrderState).
    shipmentId: undefined,
    carrier: undefined,
    trackingNumber: undefined,
    dispatchedAt: undefined,
    deliveredAt: undefined,
    deliveryFailure: undefined,
    receiptConfirmed: false,
    openReturnId: undefined,
  };
}

/**
 * goodsTotal and total after lines changed: the fees stay, the goods follow the live units. An
 * order with no unit left costs nothing (it is cancelled; a paid one gets the fees back too).
 */
export function withTotals(state: OrderState): OrderState {
  const goodsTotal = liveGoods(state.lines);
  const anyUnitLeft = state.lines.some((l) => liveQuantity(l) > 0);
  return { ...state, goodsTotal, total: anyUnitLeft ? goodsTotal + state.shippingFee + state.payment.processingFee : 0 };
}

/**
 * The balance and the edit refund after the goods the customer owes for changed by `delta`
 * (positive: they owe more). One signed account: a credit first pays a balance, and back.
 */
export function shiftBalance(state: OrderState, delta: number): { balanceDue: number; editRefundDue: number } {
  const net = state.balanceDue - state.editRefundDue + delta;
  return { balanceDue: Math.max(0, net), editRefundDue: Math.max(0, -net) };
}

/**
 * Cancels `quantity` live units of a line. Units still awaiting a balance go first (nothing was
 * paid for them); the rest are owed back when the order is paid and `settled` is false, else
 * they owe nothing. Answers the line and the goods value of the balance units it took.
 */
export function cancelUnits(line: LineState, quantity: number, paid: boolean, settled: boolean): { line: LineState; unpaidGoods: number } {
  const unpaid = Math.min(quantity, line.awaitingBalanceQuantity);
  const owed = paid && !settled ? quantity - unpaid : 0;
  return {
    line: {
      ...line,
      cancelledQuantity: line.cancelledQuantity + quantity,
      awaitingBalanceQuantity: line.awaitingBalanceQuantity - unpaid,
      refundOwedQuantity: line.refundOwedQuantity + owed,
      cancelledSettledQuantity: line.cancelledSettledQuantity + quantity - owed,
    },
    unpaidGoods: unpaid * line.unitPrice,
  };
}
