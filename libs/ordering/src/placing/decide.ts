/** Placing, paying and cancelling (docs/domain-rules.md "Placing and paying"). */
import { DomainError, InvalidCommandError } from '../errors';
import type { OrderEvent, OrderLine } from '../events';
import type { CancelOrder, ConfirmPayment, FailPayment, PlaceOrder, PlacingCommand } from './commands';
import type { OrderState } from '../state';
import { anyLineShipped, isAwaitingPayment } from '../queries';
import { UTC_CALENDAR } from '../business-calendar';
import type { DecideContext } from '../decide-context';
import { invalidTransition, isNonNegativeInteger } from '../guards';
import type { DecideHandlers } from '../handlers';
import { CUSTOMER_LOCALES } from '../values';

const MAX_LINES = 100;
const MAX_QUANTITY = 1000;
const CURRENCY = /^[A-Z]{3}$/;

type FieldError = { field: string; message: string };

export function placeOrder(cmd: PlaceOrder, state: OrderState): OrderEvent[] {
  if (state.exists) throw new DomainError('order_already_exists', `Order ${cmd.orderId} already exists`);
  const lines = withLineIds(cmd.lines ?? []);
  const errors = [...placementErrors(cmd), ...lineErrors(lines)];
  const goodsTotal = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const total = goodsTotal + cmd.shippingFee + cmd.payment?.processingFee;
  if (errors.length === 0 && !Number.isSafeInteger(total)) {
    errors.push({ field: 'lines', message: 'the order total is too large' });
  }
  if (errors.length > 0) throw new InvalidCommandError('The order cannot be placed', errors);
  const customer = cmd.customer;
  return [{
    type: 'OrderPlaced',
    data: {
      orderId: cmd.orderId,
      customer: {
        id: customer.id,
        ...(customer.email !== undefined ? { email: customer.email } : {}),
        ...(customer.name !== undefined ? { name: customer.name } : {}),
        registered: customer.registered,
        ...(customer.locale !== undefined ? { locale: customer.locale } : {}),
      },
      channel: cmd.channel,
      currency: cmd.currency,
      lines,
      shippingFee: cmd.shippingFee,
      payment: { method: cmd.payment.method, processingFee: cmd.payment.processingFee },
      ...(cmd.shippingAddress !== undefined ? { shippingAddress: cmd.shippingAddress } : {}),
      goodsTotal,
      total,
    },
  }];
}

function withLineIds(lines: PlaceOrder['lines']): OrderLine[] {
  return lines.map((l, i) => ({
    lineId: l.lineId ?? String(i + 1),
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    category: l.category,
  }));
}

function placementErrors(cmd: PlaceOrder): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof cmd.currency !== 'string' || !CURRENCY.test(cmd.currency)) {
    errors.push({ field: 'currency', message: 'must be an ISO 4217 code: three uppercase letters' });
  }
  if (!isNonNegativeInteger(cmd.shippingFee)) errors.push({ field: 'shippingFee', message: 'must be an integer ≥ 0 (minor units)' });
  const fee = cmd.payment?.processingFee;
  if (!isNonNegativeInteger(fee)) {
    errors.push({ field: 'payment.processingFee', message: 'must be an integer ≥ 0 (minor units)' });
  } else if (cmd.payment.method === 'wallet' && fee !== 0) {
    errors.push({ field: 'payment.processingFee', message: 'paying from the store wallet costs no processing fee: must be 0' });
  }
  if (cmd.customer?.locale !== undefined && !(CUSTOMER_LOCALES as readonly string[]).includes(cmd.customer.locale)) {
    errors.push({ field: 'customer.locale', message: `must be one of: ${CUSTOMER_LOCALES.join(', ')}` });
  }
  const physical = (cmd.lines ?? []).some((l) => l.category === 'physical');
  if (physical && cmd.shippingAddress === undefined) {
    errors.push({ field: 'shippingAddress', message: 'an order with a physical line needs a shipping address' });
  }
  return errors;
}

function lineErrors(lines: OrderLine[]): FieldError[] {
  if (lines.length < 1 || lines.length > MAX_LINES) return [{ field: 'lines', message: `must hold 1 to ${MAX_LINES} lines` }];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (seen.has(l.lineId)) errors.push({ field: `lines[${i}].lineId`, message: `lineId ${l.lineId} is used twice` });
    seen.add(l.lineId);
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_QUANTITY) {
      errors.push({ field: `lines[${i}].quantity`, message: `must be an integer from 1 to ${MAX_QUANTITY}` });
    }
    if (!isNonNegativeInteger(l.unitPrice)) errors.push({ field: `lines[${i}].unitPrice`, message: 'must be an integer ≥ 0 (minor units)' });
  });
  return errors;
}

export function confirmPayment(cmd: ConfirmPayment, state: OrderState): OrderEvent[] {
  if (state.paid && !state.cancelled && state.balanceDue > 0) return confirmBalance(cmd, state);
  if (!isAwaitingPayment(state)) {
    throw invalidTransition(`Order ${state.orderId} is ${state.cancelled ? 'cancelled' : 'already paid'}`);
  }
  if (cmd.amount !== state.total) {
    throw new DomainError('payment_amount_mismatch', `Payment of ${cmd.amount} does not match the order total ${state.total}`, {
      expected: state.total, actual: cmd.amount,
    });
  }
  return [{ type: 'PaymentConfirmed', data: { transactionId: cmd.transactionId, amount: cmd.amount } }];
}

/** A paid order an edit made dearer: the payment carries exactly the balance. */
function confirmBalance(cmd: ConfirmPayment, state: OrderState): OrderEvent[] {
  if (cmd.amount !== state.balanceDue) {
    throw new DomainError('payment_amount_mismatch', `Payment of ${cmd.amount} does not match the balance due ${state.balanceDue}`, {
      expected: state.balanceDue, actual: cmd.amount,
    });
  }
  return [{ type: 'PaymentConfirmed', data: { transactionId: cmd.transactionId, amount: cmd.amount } }];
}

export function failPayment(cmd: FailPayment, state: OrderState): OrderEvent[] {
  if (!isAwaitingPayment(state)) {
    throw invalidTransition(`Order ${state.orderId} is ${state.cancelled ? 'cancelled' : 'already paid'}`);
  }
  return [
    { type: 'PaymentFailed', data: { reason: cmd.reason } },
    { type: 'OrderCancelled', data: { reason: 'payment_failed', by: 'system' } },
  ];
}

export function cancelOrder(cmd: CancelOrder, state: OrderState, ctx: DecideContext): OrderEvent[] {
  if (state.cancelled) throw invalidTransition(`Order ${state.orderId} is already cancelled`);
  if (cmd.by === 'system') requirePaymentTimedOut(state, ctx);
  if (anyLineShipped(state)) {
    throw new DomainError('cancel_after_shipment', `Order ${state.orderId} has shipped lines and can no longer be cancelled`);
  }
  return [{ type: 'OrderCancelled', data: { reason: cmd.reason, by: cmd.by } }];
}

/** The system cancels only for an unpaid order past its payment deadline: a late timer must not cancel a paid order. */
function requirePaymentTimedOut(state: OrderState, ctx: DecideContext): void {
  if (state.paid) throw invalidTransition(`Order ${state.orderId} is paid; the system does not cancel paid orders`);
  const calendar = ctx.calendar ?? UTC_CALENDAR;
  const due = calendar.addHours(new Date(state.placedAt), ctx.policy.paymentTimeoutHours);
  if (ctx.now.getTime() < due.getTime()) {
    throw invalidTransition(`Order ${state.orderId} is not past its payment deadline ${due.toISOString()}`);
  }
}

/** This area's commands → their decisions (decide.ts joins every area's table). */
export const placingDecisions: DecideHandlers<PlacingCommand['type']> = {
  PlaceOrder: placeOrder,
  ConfirmPayment: confirmPayment,
  FailPayment: failPayment,
  CancelOrder: cancelOrder,
};
