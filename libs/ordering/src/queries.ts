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

/** Units not yet refunded. */
export function unrefundedQuantity(line: LineState): number {
  return line.quantity - line.refundedQuantity;
}

/** Units the customer still holds and could send back: quantity − returned − refunded. */
export function returnableQuantity(line: LineState): number {
  return line.quantity - line.returnedQuantity - line.refundedQuantity;
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

export function refundedUnits(state: OrderState): number {
  return state.lines.reduce((n, l) => n + l.refundedQuantity, 0);
}
