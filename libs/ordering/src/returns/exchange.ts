/**
 * Exchange for another product (docs/domain-rules.md "Exchange for another product"): the new
 * lines a return asks for, checked when it is requested, and the price difference settled when
 * it passes inspection. The money follows the rule of edits, not a copy of it: the difference
 * goes through `shiftBalance` into the order's one signed account (balance due or difference
 * owed back), a balance is paid with ConfirmPayment, and what is owed back is refunded with
 * reason `exchange`.
 */
import { InvalidCommandError } from '../errors';
import type { ExchangePriced, OrderLine } from '../events';
import type { OrderState, ReturnState } from '../state';
import { shiftBalance } from '../line-updates';
import { findLine } from '../queries';
import { validLine } from '../changes/edit-changes';

export const MAX_EXCHANGE_LINES = 20;
/** As for placing and edits. */
const MAX_LINES = 100;

/** The new lines of an exchange for another product, or refuses them (validation_failed). */
export function requireExchangeLines(state: OrderState, exchangeFor: readonly OrderLine[]): OrderLine[] {
  if (!Array.isArray(exchangeFor) || exchangeFor.length < 1 || exchangeFor.length > MAX_EXCHANGE_LINES) {
    throw new InvalidCommandError('An exchange names 1 to 20 lines', [{ field: 'exchangeFor', message: `must hold 1 to ${MAX_EXCHANGE_LINES} lines` }]);
  }
  const lines = exchangeFor.map((l, i) => validLine(l, `exchangeFor[${i}]`));
  // A lineId is new to the order, and not promised by another open exchange either.
  const taken = new Set(state.lines.map((l) => l.lineId));
  for (const r of state.returns) if (r.exchangePricedAt === undefined) for (const l of r.exchangeFor ?? []) taken.add(l.lineId);
  const errors: Array<{ field: string; message: string }> = [];
  lines.forEach((l, i) => {
    if (taken.has(l.lineId)) errors.push({ field: `exchangeFor[${i}].lineId`, message: `lineId ${l.lineId} is already used` });
    taken.add(l.lineId);
  });
  if (state.lines.length + lines.length > MAX_LINES) {
    errors.push({ field: 'exchangeFor', message: `an order holds at most ${MAX_LINES} lines` });
  }
  if (lines.some((l) => l.category === 'physical') && state.shippingAddress === undefined) {
    errors.push({ field: 'exchangeFor', message: `order ${state.orderId} has no shipping address for a physical line` });
  }
  if (!Number.isSafeInteger(state.total + goodsOf(lines))) errors.push({ field: 'exchangeFor', message: 'the order total would be too large' });
  if (errors.length > 0) throw new InvalidCommandError('Invalid exchange', errors);
  return lines;
}

/** What the passed return of an exchange for another product records (see ExchangePriced). */
export function priceExchange(state: OrderState, ret: ReturnState): ExchangePriced {
  const exchangeFor = ret.exchangeFor ?? [];
  const returnedGoods = ret.lines.reduce((sum, r) => sum + (findLine(state, r.lineId)?.unitPrice ?? 0) * r.quantity, 0);
  const exchangeGoods = goodsOf(exchangeFor);
  const due = shiftBalance(state, exchangeGoods - returnedGoods);
  return {
    returnId: ret.returnId,
    returnedGoods,
    exchangeGoods,
    balanceDue: due.balanceDue,
    refundDue: due.editRefundDue,
    // Only an exchange that asks for more waits: one of the same price or cheaper never waits for another's balance.
    awaitingBalance: due.balanceDue > 0 && exchangeGoods > returnedGoods ? exchangeFor.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) : [],
  };
}

function goodsOf(lines: readonly OrderLine[]): number {
  return lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
}
