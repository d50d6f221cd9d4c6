import type { OrderEventOf } from '../events';
import type { OrderState } from '../state';
import { cancelUnits, quantitiesByLine, shiftBalance, updateLines, withTotals } from '../line-updates';
import type { EvolveHandlers } from '../handlers';
import type { CHANGE_EVENTS } from './events';
import { applyEditChanges } from './edit-changes';

export function lineCancelled(state: OrderState, event: OrderEventOf<'LineCancelled'>): OrderState {
  const d = event.data;
  let unpaidGoods = 0;
  const lines = state.lines.map((l) => {
    if (l.lineId !== d.lineId) return l;
    const cancelled = cancelUnits(l, d.quantity, state.paid, false);
    unpaidGoods = cancelled.unpaidGoods;
    return cancelled.line;
  });
  const balance = shiftBalance(state, -unpaidGoods);
  const next = withTotals({
    ...state, ...balance, balanceDueSince: balance.balanceDue > 0 ? state.balanceDueSince : undefined, lines,
  });
  return { ...next, lines: updateLines(next, [d.lineId]) };
}

export function orderEdited(state: OrderState, event: OrderEventOf<'OrderEdited'>, occurredAt: string): OrderState {
  const d = event.data;
  const applied = applyEditChanges(state, d.changes);
  const waiting = quantitiesByLine(d.awaitingBalance);
  const lines = applied.lines.map((l) => {
    if (d.balanceDue === 0) return l.awaitingBalanceQuantity === 0 ? l : { ...l, awaitingBalanceQuantity: 0 };
    const more = waiting.get(l.lineId) ?? 0;
    return more === 0 ? l : { ...l, awaitingBalanceQuantity: l.awaitingBalanceQuantity + more };
  });
  const next = withTotals({
    ...state,
    lines,
    shippingAddress: applied.shippingAddress,
    balanceDue: d.balanceDue,
    balanceDueSince: d.balanceDue === 0 ? undefined : (state.balanceDueSince ?? occurredAt),
    editRefundDue: d.refundDue,
    edits: [...state.edits, {
      editId: d.editId, editedAt: occurredAt, before: d.before, after: d.after, balanceDue: d.balanceDue, refundDue: d.refundDue,
    }],
  });
  return { ...next, lines: updateLines(next, 'all') };
}

/** This area's events → how each changes the state (evolve.ts joins every area's table). */
export const changeEvolvers: EvolveHandlers<keyof typeof CHANGE_EVENTS> = {
  LineCancelled: lineCancelled,
  OrderEdited: orderEdited,
};
