/** Small read helpers over OrderState shared by the deciders. */
import type { ComplaintState, LineState, OrderState, ReturnState } from './state';

export function findLine(state: OrderState, lineId: string): LineState | undefined {
  return state.lines.find((l) => l.lineId === lineId);
}

export function findReturn(state: OrderState, returnId: string): ReturnState | undefined {
  return state.returns.find((r) => r.returnId === returnId);
}

export function findComplaint(state: OrderState, complaintId: string): ComplaintState | undefined {
  return state.complaints.find((c) => c.complaintId === complaintId);
}

/** Units neither cancelled nor exchanged for another product: the ones that ship (or shipped) and stay the customer's. */
export function liveQuantity(line: LineState): number {
  return line.quantity - line.cancelledQuantity - line.exchangedQuantity;
}

/** Cancelled units already refunded (owed back once, then refunded). */
export function refundedCancelledQuantity(line: LineState): number {
  return line.cancelledQuantity - line.cancelledSettledQuantity - line.refundOwedQuantity;
}

/** Live units not yet refunded. */
export function unrefundedQuantity(line: LineState): number {
  return liveQuantity(line) - (line.refundedQuantity - refundedCancelledQuantity(line));
}

/** Units the customer still holds and could send back: live − returned − refunded. */
export function returnableQuantity(line: LineState): number {
  return unrefundedQuantity(line) - line.returnedQuantity;
}

/** Units that ask nothing more of the order: refunded, cancelled with nothing owed back, or exchanged. */
export function settledQuantity(line: LineState): number {
  return line.refundedQuantity + line.cancelledSettledQuantity + line.exchangedQuantity;
}

/** Σ unitPrice × live units: the goods the order costs now. */
export function liveGoods(lines: readonly LineState[]): number {
  return lines.reduce((sum, l) => sum + l.unitPrice * liveQuantity(l), 0);
}

/** Goods value of the cancelled units still owed back. */
export function cancelledGoodsOwed(state: OrderState): number {
  return state.lines.reduce((sum, l) => sum + l.unitPrice * l.refundOwedQuantity, 0);
}

export function isAwaitingPayment(state: OrderState): boolean {
  return !state.paid && !state.cancelled;
}

export function anyLineShipped(state: OrderState): boolean {
  return state.shipments.length > 0;
}

export function totalUnits(state: OrderState): number {
  return state.lines.reduce((n, l) => n + l.quantity, 0);
}

/** Units refunded, cancelled with nothing owed, or exchanged: a refund completes the order when these reach totalUnits. */
export function settledUnits(state: OrderState): number {
  return state.lines.reduce((n, l) => n + settledQuantity(l), 0);
}
