import type { OrderEventOf } from '../events';
import type { LineState, OrderState, ReturnState } from '../state';
import { newLine, quantitiesByLine, updateLines, withTotals } from '../line-updates';
import type { EvolveHandlers } from '../handlers';
import type { RETURN_EVENTS } from './events';
import { shipToCustomerAgain } from '../shipping/evolve';

function updateReturn(state: OrderState, returnId: string, change: (r: ReturnState) => ReturnState): {
  next: OrderState; ret: ReturnState | undefined;
} {
  let ret: ReturnState | undefined;
  const returns = state.returns.map((r) => (r.returnId === returnId ? (ret = change(r)) : r));
  return { next: ret ? { ...state, returns } : state, ret };
}

/** The return's lines, with their shown status refreshed (and optionally changed). */
function touchReturnLines(next: OrderState, ret: ReturnState | undefined, change?: (l: LineState) => LineState): OrderState {
  if (!ret) return next;
  return { ...next, lines: updateLines(next, ret.lines.map((l) => l.lineId), change) };
}

/** A closed return lets its lines go back to where they were: their fulfilment stage never moved. */
function releaseLine(returnId: string): (l: LineState) => LineState {
  return (l) => (l.openReturnId === returnId ? { ...l, openReturnId: undefined } : l);
}

export function returnRequested(state: OrderState, event: OrderEventOf<'ReturnRequested'>, occurredAt: string): OrderState {
  const d = event.data;
  const ret: ReturnState = {
    returnId: d.returnId,
    status: 'requested',
    reason: d.reason,
    resolution: d.resolution,
    lines: d.lines,
    merchantFault: d.merchantFault,
    requestedAt: occurredAt,
    ...(d.note !== undefined ? { note: d.note } : {}),
    ...(d.exchangeFor !== undefined ? { exchangeFor: d.exchangeFor } : {}),
  };
  const next: OrderState = { ...state, returns: [...state.returns, ret] };
  return touchReturnLines(next, ret, (l) => ({ ...l, openReturnId: d.returnId }));
}

export function returnApproved(state: OrderState, event: OrderEventOf<'ReturnApproved'>): OrderState {
  const { next, ret } = updateReturn(state, event.data.returnId, (r) => ({ ...r, status: 'approved' }));
  return touchReturnLines(next, ret);
}

export function returnRejected(state: OrderState, event: OrderEventOf<'ReturnRejected'>): OrderState {
  const d = event.data;
  const { next, ret } = updateReturn(state, d.returnId, (r) => ({ ...r, status: 'rejected', rejectionReason: d.reason }));
  return touchReturnLines(next, ret, releaseLine(d.returnId));
}

export function returnDispatched(state: OrderState, event: OrderEventOf<'ReturnDispatched'>): OrderState {
  const d = event.data;
  const { next, ret } = updateReturn(state, d.returnId, (r) => ({
    ...r, status: 'in_transit', carrier: d.carrier, trackingNumber: d.trackingNumber, shippingCost: d.shippingCost,
  }));
  return touchReturnLines(next, ret);
}

export function returnReceived(state: OrderState, event: OrderEventOf<'ReturnReceived'>, occurredAt: string): OrderState {
  const d = event.data;
  const passed = d.inspection === 'passed';
  const { next, ret } = updateReturn(state, d.returnId, (r) => ({
    ...r,
    status: !passed ? 'failed_inspection' : r.resolution === 'repair' ? 'repair_in_progress' : 'received',
    inspection: d.inspection,
    receivedAt: occurredAt,
    ...(d.note !== undefined ? { inspectionNote: d.note } : {}),
  }));
  if (!passed) return touchReturnLines(next, ret, releaseLine(d.returnId));
  const back = quantitiesByLine(ret?.lines ?? []);
  return touchReturnLines(next, ret, (l) => ({ ...l, returnedQuantity: l.returnedQuantity + (back.get(l.lineId) ?? 0) }));
}

/** The repaired units go back to the customer: the line ships again, as for an exchange. */
export function repairCompleted(state: OrderState, event: OrderEventOf<'RepairCompleted'>, occurredAt: string): OrderState {
  const d = event.data;
  const ret = state.returns.find((r) => r.returnId === d.returnId);
  const lineIds = (ret?.lines ?? []).map((l) => l.lineId);
  return shipToCustomerAgain(state, { ...d, lineIds }, occurredAt, 'repaired');
}

/**
 * The exchange for another product takes effect: the returned units leave the order for good
 * (exchanged, no longer held by the merchant), the new lines join it, marked as this return's,
 * and the difference sets the balance or the difference owed back, as an edit does.
 */
export function exchangePriced(state: OrderState, event: OrderEventOf<'ExchangePriced'>, occurredAt: string): OrderState {
  const d = event.data;
  const ret = state.returns.find((r) => r.returnId === d.returnId);
  if (!ret) return state;
  const back = quantitiesByLine(ret.lines);
  const waiting = quantitiesByLine(d.awaitingBalance);
  const added = (ret.exchangeFor ?? []).map((l): LineState => ({
    ...newLine(l), exchangeOf: d.returnId, awaitingBalanceQuantity: waiting.get(l.lineId) ?? 0,
  }));
  const lines = [...state.lines, ...added].map((l) => {
    const q = back.get(l.lineId) ?? 0;
    const exchanged = q === 0 ? l : { ...l, exchangedQuantity: l.exchangedQuantity + q, returnedQuantity: Math.max(0, l.returnedQuantity - q) };
    // A balance covered (by an earlier credit) frees every unit waiting for it, as after an edit.
    return d.balanceDue === 0 && exchanged.awaitingBalanceQuantity > 0 ? { ...exchanged, awaitingBalanceQuantity: 0 } : exchanged;
  });
  const next = withTotals({
    ...state,
    lines,
    balanceDue: d.balanceDue,
    balanceDueSince: d.balanceDue === 0 ? undefined : (state.balanceDueSince ?? occurredAt),
    editRefundDue: d.refundDue,
    returns: state.returns.map((r): ReturnState => (r === ret ? { ...r, exchangePricedAt: occurredAt } : r)),
  });
  return { ...next, lines: updateLines(next, 'all') };
}

/** This area's events → how each changes the state (evolve.ts joins every area's table). */
export const returnEvolvers: EvolveHandlers<keyof typeof RETURN_EVENTS> = {
  ReturnRequested: returnRequested,
  ReturnApproved: returnApproved,
  ReturnRejected: returnRejected,
  ReturnDispatched: returnDispatched,
  ReturnReceived: returnReceived,
  RepairCompleted: repairCompleted,
  ExchangePriced: exchangePriced,
};
