/** Changing an order before it ships (docs/domain-rules.md "Changing an order"). */
import { DomainError, InvalidCommandError } from '../errors';
import type { OrderEvent } from '../events';
import type { CancelledBy } from '../placing/events';
import type { OrderState } from '../state';
import { liveQuantity } from '../queries';
import { UTC_CALENDAR } from '../business-calendar';
import type { DecideContext } from '../decide-context';
import { invalidTransition, requireLine } from '../guards';
import type { DecideHandlers } from '../handlers';
import type { CancelLine, ChangeCommand, EditOrder, LapseBalance } from './commands';
import type { LineCancelReason } from './events';
import { decideEdit } from './edit-changes';

/** Who cancels, from why: the customer asks, the merchant cannot deliver, the system times out. */
export const CANCELLED_BY: Readonly<Record<LineCancelReason, CancelledBy>> = {
  customer_request: 'customer',
  out_of_stock: 'merchant',
  cannot_fulfil: 'merchant',
  payment_timeout: 'system',
};

const HTTP_REASONS: ReadonlySet<string> = new Set(['out_of_stock', 'cannot_fulfil', 'customer_request']);

export function cancelLine(cmd: CancelLine, state: OrderState): OrderEvent[] {
  if (!HTTP_REASONS.has(cmd.reason)) {
    throw new InvalidCommandError('Unknown reason', [{ field: 'reason', message: 'must be out_of_stock, cannot_fulfil or customer_request' }]);
  }
  if (cmd.quantity !== undefined && (!Number.isInteger(cmd.quantity) || cmd.quantity < 1)) {
    throw new InvalidCommandError('Invalid quantity', [{ field: 'quantity', message: 'must be an integer ≥ 1' }]);
  }
  if (state.cancelled) throw invalidTransition(`Order ${state.orderId} is cancelled`);
  const line = requireLine(state, cmd.lineId);
  if (line.stage !== 'awaiting_shipment') {
    throw new DomainError('line_already_shipped', `Line ${line.lineId} has shipped (it is ${line.status}) and can no longer be cancelled`, { lineId: line.lineId });
  }
  if (line.exchangeOf !== undefined) throw invalidTransition(`Line ${line.lineId} is the exchange of return ${line.exchangeOf}`);
  const cancellable = liveQuantity(line);
  const quantity = cmd.quantity ?? cancellable;
  if (quantity < 1 || quantity > cancellable) {
    throw new DomainError('quantity_exceeds_cancellable', `Line ${line.lineId}: ${quantity} to cancel, ${cancellable} cancellable`, {
      lineId: line.lineId, requested: quantity, cancellable,
    });
  }
  return withOrderCancelledWhenEmpty(state, [{ lineId: line.lineId, quantity }], cmd.reason);
}

export function editOrder(cmd: EditOrder, state: OrderState): OrderEvent[] {
  return [{ type: 'OrderEdited', data: decideEdit(state, cmd.editId, cmd.changes) }];
}

/**
 * The balance of an edit not paid within the payment timeout: the order goes on as before the
 * edits of that balance. The lines their replace_line changes took away come back first
 * (LineRestored: the customer had paid for them), then the units still waiting for the balance
 * are cancelled by the system. Restoring first keeps the balance positive until the last event
 * settles it, so no refund falls due in between. What needed no payment stands: a new address,
 * a lower quantity. A late or repeated timer finds no balance and is refused.
 */
export function lapseBalance(_cmd: LapseBalance, state: OrderState, ctx: DecideContext): OrderEvent[] {
  if (state.cancelled || state.balanceDue === 0 || state.balanceDueSince === undefined) {
    throw invalidTransition(`Order ${state.orderId} has no balance due`);
  }
  const due = (ctx.calendar ?? UTC_CALENDAR).addHours(new Date(state.balanceDueSince), ctx.policy.paymentTimeoutHours);
  if (ctx.now.getTime() < due.getTime()) throw invalidTransition(`The balance of order ${state.orderId} is due until ${due.toISOString()}`);
  const restored = state.replacedUnderBalance ?? [];
  // The replacement of an exchange for another product never lapses: it waits for its balance.
  const waiting = state.lines
    .filter((l) => l.awaitingBalanceQuantity > 0 && l.exchangeOf === undefined)
    .map((l) => ({ lineId: l.lineId, quantity: l.awaitingBalanceQuantity }));
  if (waiting.length === 0 && restored.length === 0) throw invalidTransition(`Order ${state.orderId}: only an exchange waits for the balance`);
  return [
    ...restored.map((l): OrderEvent => ({ type: 'LineRestored', data: { lineId: l.lineId, quantity: l.quantity, reason: 'payment_timeout' } })),
    ...withOrderCancelledWhenEmpty(state, waiting, 'payment_timeout', restored.reduce((n, l) => n + l.quantity, 0)),
  ];
}

/** LineCancelled per line, and OrderCancelled too when no unit of the order is left (`restored`: units coming back in the same command). */
function withOrderCancelledWhenEmpty(
  state: OrderState, lines: ReadonlyArray<{ lineId: string; quantity: number }>, reason: LineCancelReason, restored = 0,
): OrderEvent[] {
  const by = CANCELLED_BY[reason];
  const events: OrderEvent[] = lines.map((l) => ({ type: 'LineCancelled', data: { lineId: l.lineId, quantity: l.quantity, reason, by } }));
  const cancelledNow = lines.reduce((n, l) => n + l.quantity, 0);
  const liveLeft = state.lines.reduce((n, l) => n + liveQuantity(l), 0) + restored - cancelledNow;
  if (liveLeft === 0) events.push({ type: 'OrderCancelled', data: { reason, by } });
  return events;
}

/** This area's commands → their decisions (decide.ts joins every area's table). */
export const changeDecisions: DecideHandlers<ChangeCommand['type']> = {
  CancelLine: cancelLine,
  EditOrder: editOrder,
  LapseBalance: lapseBalance,
};
