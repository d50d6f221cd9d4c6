/**
 * What one refund covers, by reason (docs/domain-rules.md "Refunds"): which units, and the goods value the
 * caller is owed for them before any cap. The amounts themselves are refund-math's job.
 */
import { DomainError, InvalidCommandError, NotFoundError } from '../errors';
import type { LineQuantity } from '../events';
import type { IssueRefund } from './commands';
import type { LineState, OrderState } from '../state';
import { unrefundedQuantity } from '../queries';
import { invalidTransition, requireLine, requireLineQuantities, requireReturn } from '../guards';

export interface RefundSelection {
  lines: LineQuantity[];
  requestedGoods: number;
  returnId?: string;
  editId?: string;
  noReasonReturn: boolean;
  returnShipping?: { cost: number; merchantFault: boolean };
}

export function selectRefund(cmd: IssueRefund, state: OrderState): RefundSelection {
  switch (cmd.reason) {
    case 'return': return forReturn(cmd, state);
    case 'delivery_failed': return forFailedDelivery(cmd, state);
    case 'cancellation': return forCancellation(cmd, state);
    case 'goodwill': return forGoodwill(cmd, state);
    case 'edit': return forEdit(cmd, state);
    case 'exchange': return forExchange(cmd, state);
    default:
      throw new InvalidCommandError('Unknown refund reason', [{ field: 'reason', message: `unknown reason ${String(cmd.reason)}` }]);
  }
}

function forbid(present: boolean, field: string, reason: string): void {
  if (present) throw new InvalidCommandError(`A ${reason} refund does not take ${field}`, [{ field, message: `not allowed with reason ${reason}` }]);
}

function goodsOf(state: OrderState, lines: readonly LineQuantity[]): number {
  return lines.reduce((sum, l) => sum + requireLine(state, l.lineId).unitPrice * l.quantity, 0);
}

/** A unit is refunded once: whatever the reason, a line gives back at most its unrefunded units. */
function requireUnrefunded(line: LineState, quantity: number): void {
  const left = unrefundedQuantity(line);
  if (quantity > left) {
    throw new DomainError('refund_exceeds_refundable', `Line ${line.lineId}: ${quantity} to refund, ${left} not yet refunded`, {
      lineId: line.lineId, requested: quantity, refundable: left,
    });
  }
}

function forReturn(cmd: IssueRefund, state: OrderState): RefundSelection {
  if (cmd.returnId === undefined) {
    throw new InvalidCommandError('A return refund names its return', [{ field: 'returnId', message: 'required with reason return' }]);
  }
  forbid(cmd.amount !== undefined, 'amount', 'return');
  forbid(cmd.editId !== undefined, 'editId', 'return');
  const ret = requireReturn(state, cmd.returnId);
  if (ret.resolution !== 'refund') throw invalidTransition(`Return ${ret.returnId} asks for an exchange, not a refund`);
  if (ret.status !== 'received') throw invalidTransition(`Return ${ret.returnId} is ${ret.status}, not received and passed`);
  if (cmd.lines !== undefined && !sameQuantities(cmd.lines, ret.lines)) {
    throw new InvalidCommandError('A return refund covers exactly its return', [
      { field: 'lines', message: `must be omitted or equal the lines of return ${ret.returnId}` },
    ]);
  }
  for (const l of ret.lines) requireUnrefunded(requireLine(state, l.lineId), l.quantity);
  const lines = ret.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
  return {
    lines,
    requestedGoods: goodsOf(state, lines),
    returnId: ret.returnId,
    noReasonReturn: ret.reason === 'no_reason',
    returnShipping: { cost: ret.shippingCost ?? 0, merchantFault: ret.merchantFault },
  };
}

function forFailedDelivery(cmd: IssueRefund, state: OrderState): RefundSelection {
  forbid(cmd.returnId !== undefined, 'returnId', 'delivery_failed');
  forbid(cmd.editId !== undefined, 'editId', 'delivery_failed');
  forbid(cmd.amount !== undefined, 'amount', 'delivery_failed');
  const lines = cmd.lines === undefined ? everyFailedUnit(state) : namedFailedUnits(state, cmd.lines);
  return { lines, requestedGoods: goodsOf(state, lines), noReasonReturn: false };
}

function everyFailedUnit(state: OrderState): LineQuantity[] {
  const lines = state.lines
    .filter((l) => l.stage === 'delivery_failed' && unrefundedQuantity(l) > 0)
    .map((l) => ({ lineId: l.lineId, quantity: unrefundedQuantity(l) }));
  if (lines.length === 0) throw invalidTransition(`Order ${state.orderId} has no failed delivery left to refund`);
  return lines;
}

function namedFailedUnits(state: OrderState, named: readonly LineQuantity[]): LineQuantity[] {
  const lines = requireLineQuantities(named, 'lines');
  for (const l of lines) {
    const line = requireLine(state, l.lineId);
    if (line.stage !== 'delivery_failed') throw invalidTransition(`Line ${l.lineId} has no failed delivery (it is ${line.status})`);
    requireUnrefunded(line, l.quantity);
  }
  return lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
}

/**
 * Cancelled units paid for: every one still owed by default, or the named ones (each at most what
 * its line still owes). The units of a whole cancelled order are owed the same way.
 */
function forCancellation(cmd: IssueRefund, state: OrderState): RefundSelection {
  forbid(cmd.returnId !== undefined, 'returnId', 'cancellation');
  forbid(cmd.editId !== undefined, 'editId', 'cancellation');
  forbid(cmd.amount !== undefined, 'amount', 'cancellation');
  const owed = state.lines.filter((l) => l.refundOwedQuantity > 0);
  if (owed.length === 0) {
    if (!state.cancelled) throw invalidTransition(`Order ${state.orderId} has no cancelled unit to refund`);
    throw new DomainError('refund_exceeds_refundable', `Order ${state.orderId} is already wholly refunded`);
  }
  const lines = cmd.lines === undefined
    ? owed.map((l) => ({ lineId: l.lineId, quantity: l.refundOwedQuantity }))
    : namedCancelledUnits(state, cmd.lines);
  return { lines, requestedGoods: goodsOf(state, lines), noReasonReturn: false };
}

function namedCancelledUnits(state: OrderState, named: readonly LineQuantity[]): LineQuantity[] {
  const lines = requireLineQuantities(named, 'lines');
  for (const l of lines) {
    const line = requireLine(state, l.lineId);
    if (l.quantity > line.refundOwedQuantity) {
      throw new DomainError('refund_exceeds_refundable', `Line ${l.lineId}: ${l.quantity} to refund, ${line.refundOwedQuantity} cancelled and owed`, {
        lineId: l.lineId, requested: l.quantity, refundable: line.refundOwedQuantity,
      });
    }
  }
  return lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
}

/** The difference an edit left in the customer's favour (all of it: edits net into one account). */
function forEdit(cmd: IssueRefund, state: OrderState): RefundSelection {
  forbid(cmd.returnId !== undefined, 'returnId', 'edit');
  forbid(cmd.lines !== undefined, 'lines', 'edit');
  forbid(cmd.amount !== undefined, 'amount', 'edit');
  if (cmd.editId === undefined) {
    throw new InvalidCommandError('An edit refund names its edit', [{ field: 'editId', message: 'required with reason edit' }]);
  }
  if (!state.edits.some((e) => e.editId === cmd.editId)) {
    throw new NotFoundError('edit_not_found', `Order ${state.orderId} has no edit ${cmd.editId}`);
  }
  if (state.editRefundDue === 0) throw new DomainError('refund_exceeds_refundable', `Order ${state.orderId} owes no edit difference`);
  return { lines: [], requestedGoods: state.editRefundDue, editId: cmd.editId, noReasonReturn: false };
}

/**
 * The difference an exchange for another product left in the customer's favour. Exchanges and
 * edits share one account (shiftBalance), so this gives back all of it, as an edit refund does.
 */
function forExchange(cmd: IssueRefund, state: OrderState): RefundSelection {
  forbid(cmd.editId !== undefined, 'editId', 'exchange');
  forbid(cmd.lines !== undefined, 'lines', 'exchange');
  forbid(cmd.amount !== undefined, 'amount', 'exchange');
  if (cmd.returnId === undefined) {
    throw new InvalidCommandError('An exchange refund names its return', [{ field: 'returnId', message: 'required with reason exchange' }]);
  }
  const ret = requireReturn(state, cmd.returnId);
  if (ret.exchangeFor === undefined) throw invalidTransition(`Return ${ret.returnId} is not an exchange for another product`);
  if (ret.exchangePricedAt === undefined) throw invalidTransition(`Return ${ret.returnId} is ${ret.status}: its exchange is not priced yet`);
  if (state.editRefundDue === 0) throw new DomainError('refund_exceeds_refundable', `Order ${state.orderId} owes no exchange difference`);
  return { lines: [], requestedGoods: state.editRefundDue, returnId: ret.returnId, noReasonReturn: false };
}

function forGoodwill(cmd: IssueRefund, state: OrderState): RefundSelection {
  forbid(cmd.returnId !== undefined, 'returnId', 'goodwill');
  forbid(cmd.editId !== undefined, 'editId', 'goodwill');
  forbid(cmd.lines !== undefined && cmd.lines.length > 0, 'lines', 'goodwill');
  const amount = cmd.amount;
  if (amount === undefined || !Number.isSafeInteger(amount) || amount <= 0) {
    throw new InvalidCommandError('A goodwill refund names its amount', [{ field: 'amount', message: 'required: an integer > 0 (minor units)' }]);
  }
  const refundable = state.paidGoods - state.refunded.goods;
  if (amount > refundable) {
    throw new DomainError('refund_exceeds_refundable', `Goodwill of ${amount} exceeds the ${refundable} of goods still refundable`, {
      requested: amount, refundable,
    });
  }
  return { lines: [], requestedGoods: amount, noReasonReturn: false };
}

function sameQuantities(a: readonly LineQuantity[], b: readonly LineQuantity[]): boolean {
  if (a.length !== b.length) return false;
  const want = new Map(b.map((l) => [l.lineId, l.quantity]));
  return a.every((l) => want.get(l.lineId) === l.quantity);
}
