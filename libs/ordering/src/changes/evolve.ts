import type { OrderEventOf } from '../events';
import type { LineState, OrderState } from '../state';
import type { LineQuantity } from '../values';
import { cancelUnits, quantitiesByLine, shiftBalance, updateLines, withTotals } from '../line-updates';
import type { EvolveHandlers } from '../handlers';
import type { CHANGE_EVENTS, EditChangeRecord } from './events';
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
  const stillDue = balance.balanceDue > 0;
  const next = withTotals({
    ...state, ...balance, lines,
    balanceDueSince: stillDue ? state.balanceDueSince : undefined,
    replacedUnderBalance: stillDue ? state.replacedUnderBalance : undefined,
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
    replacedUnderBalance: d.balanceDue === 0 ? undefined : withPaidReplaced(state, d.changes),
    editRefundDue: d.refundDue,
    edits: [...state.edits, {
      editId: d.editId, editedAt: occurredAt, before: d.before, after: d.after, balanceDue: d.balanceDue, refundDue: d.refundDue,
    }],
  });
  return { ...next, lines: updateLines(next, 'all') };
}

/**
 * The paid units this edit's replace_line changes took away, added to those of earlier edits of
 * the same unpaid balance. Units of the old line that were themselves waiting for the balance
 * were never paid for (cancelUnits takes them first): a lapse has nothing of theirs to give back.
 */
function withPaidReplaced(state: OrderState, changes: readonly EditChangeRecord[]): readonly LineQuantity[] | undefined {
  const earlier = state.balanceDue > 0 ? (state.replacedUnderBalance ?? []) : [];
  const added: LineQuantity[] = [];
  for (const c of changes) {
    if (c.op !== 'replace_line') continue;
    const old = state.lines.find((l) => l.lineId === c.lineId);
    const paid = c.cancelledQuantity - Math.min(c.cancelledQuantity, old?.awaitingBalanceQuantity ?? 0);
    if (paid > 0) added.push({ lineId: c.lineId, quantity: paid });
  }
  if (added.length === 0) return earlier.length === 0 ? undefined : earlier;
  return [...earlier, ...added];
}

/**
 * Replaced units come back as they were before the edit: live again, paid for, owing nothing.
 * Their goods go back on the signed account; the LineCancelled of the replacement that follows
 * in the same command takes its unpaid goods off again, so the balance ends where it began.
 */
export function lineRestored(state: OrderState, event: OrderEventOf<'LineRestored'>): OrderState {
  const d = event.data;
  let goods = 0;
  const lines = state.lines.map((l): LineState => {
    if (l.lineId !== d.lineId) return l;
    goods = d.quantity * l.unitPrice;
    return { ...l, cancelledQuantity: l.cancelledQuantity - d.quantity, cancelledSettledQuantity: l.cancelledSettledQuantity - d.quantity };
  });
  const left = (state.replacedUnderBalance ?? []).filter((r) => r.lineId !== d.lineId);
  const next = withTotals({
    ...state, ...shiftBalance(state, goods), lines, replacedUnderBalance: left.length === 0 ? undefined : left,
  });
  return { ...next, lines: updateLines(next, [d.lineId]) };
}

/** This area's events → how each changes the state (evolve.ts joins every area's table). */
export const changeEvolvers: EvolveHandlers<keyof typeof CHANGE_EVENTS> = {
  LineCancelled: lineCancelled,
  OrderEdited: orderEdited,
  LineRestored: lineRestored,
};
