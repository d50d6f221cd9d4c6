/** The return flow: requested → approved | rejected → in transit → received (docs/domain-rules.md "Returns"). */
import { DomainError, InvalidCommandError } from '../errors';
import type { LineQuantity, OrderEvent, ReturnReason, ReturnResolution } from '../events';
import type { ApproveReturn, CompleteRepair, DispatchReturn, ReceiveReturn, RejectReturn, RequestReturn, ReturnCommand } from './commands';
import type { LineState, OrderState, ReturnState, ReturnStatus } from '../state';
import { returnableQuantity } from '../queries';
import { isMerchantFault, isReturnable, returnDeadline, warrantyDeadline } from './return-policy';
import { UTC_CALENDAR } from '../business-calendar';
import type { DecideContext } from '../decide-context';
import { invalidTransition, isNonNegativeInteger, requireLine, requireLineQuantities, requireNewShipmentId, requireReturn } from '../guards';
import type { DecideHandlers } from '../handlers';
import { priceExchange, requireExchangeLines } from './exchange';

export function requestReturn(cmd: RequestReturn, state: OrderState, ctx: DecideContext): OrderEvent[] {
  if (state.returns.some((r) => r.returnId === cmd.returnId)) {
    throw new DomainError('return_already_exists', `Order ${state.orderId} already has return ${cmd.returnId}`);
  }
  const lines = requireLineQuantities(cmd.lines, 'lines');
  if (cmd.exchangeFor !== undefined && cmd.resolution !== 'exchange') {
    throw new InvalidCommandError('Only an exchange names other products', [{ field: 'exchangeFor', message: 'allowed only with resolution exchange' }]);
  }
  const exchangeFor = cmd.exchangeFor === undefined ? undefined : requireExchangeLines(state, cmd.exchangeFor);
  for (const requested of lines) requireReturnableLine(state, requested, cmd.reason, cmd.resolution, exchangeFor !== undefined, ctx);
  return [{
    type: 'ReturnRequested',
    data: {
      returnId: cmd.returnId,
      lines: lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      reason: cmd.reason,
      resolution: cmd.resolution,
      merchantFault: isMerchantFault(cmd.reason),
      ...(cmd.note !== undefined ? { note: cmd.note } : {}),
      ...(exchangeFor !== undefined ? { exchangeFor } : {}),
    },
  }];
}

function requireReturnableLine(
  state: OrderState, requested: LineQuantity, reason: ReturnReason, resolution: ReturnResolution, otherProduct: boolean, ctx: DecideContext,
): void {
  const line = requireLine(state, requested.lineId);
  if (!isReturnable(line.category, reason)) {
    throw new DomainError('item_not_returnable', `Line ${line.lineId} (${line.category}) cannot be returned for reason ${reason}`);
  }
  if (line.openReturnId !== undefined) {
    throw new DomainError('return_already_open', `Line ${line.lineId} already has open return ${line.openReturnId}`);
  }
  if ((line.stage !== 'delivered' && line.stage !== 'completed') || line.deliveredAt === undefined) {
    throw invalidTransition(`Line ${line.lineId} is ${line.status}; only delivered lines can be returned`);
  }
  const returnable = returnableQuantity(line);
  if (requested.quantity > returnable) {
    throw new DomainError('quantity_exceeds_returnable', `Line ${line.lineId}: ${requested.quantity} requested, ${returnable} returnable`, {
      lineId: line.lineId, requested: requested.quantity, returnable,
    });
  }
  const calendar = ctx.calendar ?? UTC_CALENDAR;
  const deadline = returnDeadline(new Date(line.deliveredAt), reason, ctx.policy, calendar);
  if (ctx.now.getTime() > deadline.getTime()) requireUnderWarranty(line, reason, resolution, otherProduct, deadline, ctx);
}

/**
 * After its return window, a defective item is still repaired or exchanged (never refunded) until
 * its category's warranty ends. Other reasons, and categories without a warranty, stay closed.
 */
function requireUnderWarranty(
  line: LineState, reason: ReturnReason, resolution: ReturnResolution, otherProduct: boolean, windowEnd: Date, ctx: DecideContext,
): void {
  const warrantyEnd = reason === 'defective'
    ? warrantyDeadline(new Date(line.deliveredAt!), line.category, ctx.policy, ctx.calendar ?? UTC_CALENDAR) : undefined;
  if (warrantyEnd === undefined) {
    throw new DomainError('return_window_closed', `Line ${line.lineId}: the ${reason} return window closed at ${windowEnd.toISOString()}`);
  }
  if (ctx.now.getTime() > warrantyEnd.getTime()) {
    throw new DomainError('warranty_expired', `Line ${line.lineId}: the warranty ended at ${warrantyEnd.toISOString()}`);
  }
  if (resolution === 'refund') {
    throw new DomainError('warranty_no_refund', `Line ${line.lineId}: past its return window (${windowEnd.toISOString()}) the warranty repairs or exchanges, it does not refund`);
  }
  if (otherProduct) {
    throw new DomainError('warranty_same_product', `Line ${line.lineId}: past its return window (${windowEnd.toISOString()}) the warranty exchanges for the same product only`);
  }
}

function requireReturnIn(state: OrderState, returnId: string, status: ReturnStatus): ReturnState {
  const ret = requireReturn(state, returnId);
  if (ret.status !== status) throw invalidTransition(`Return ${returnId} is ${ret.status}, not ${status}`);
  return ret;
}

export function approveReturn(cmd: ApproveReturn, state: OrderState): OrderEvent[] {
  requireReturnIn(state, cmd.returnId, 'requested');
  return [{ type: 'ReturnApproved', data: { returnId: cmd.returnId } }];
}

export function rejectReturn(cmd: RejectReturn, state: OrderState): OrderEvent[] {
  requireReturnIn(state, cmd.returnId, 'requested');
  return [{ type: 'ReturnRejected', data: { returnId: cmd.returnId, reason: cmd.reason } }];
}

export function dispatchReturn(cmd: DispatchReturn, state: OrderState): OrderEvent[] {
  requireReturnIn(state, cmd.returnId, 'approved');
  if (!isNonNegativeInteger(cmd.shippingCost)) {
    throw new InvalidCommandError('Invalid shipping cost', [{ field: 'shippingCost', message: 'must be an integer ≥ 0 (minor units)' }]);
  }
  return [{
    type: 'ReturnDispatched',
    data: { returnId: cmd.returnId, carrier: cmd.carrier, trackingNumber: cmd.trackingNumber, shippingCost: cmd.shippingCost },
  }];
}

/** A passed exchange for another product is priced in the same command (ExchangePriced after ReturnReceived). */
export function receiveReturn(cmd: ReceiveReturn, state: OrderState): OrderEvent[] {
  const ret = requireReturnIn(state, cmd.returnId, 'in_transit');
  const received: OrderEvent = {
    type: 'ReturnReceived',
    data: { returnId: cmd.returnId, inspection: cmd.inspection, ...(cmd.note !== undefined ? { note: cmd.note } : {}) },
  };
  if (cmd.inspection !== 'passed' || ret.exchangeFor === undefined) return [received];
  return [received, { type: 'ExchangePriced', data: priceExchange(state, ret) }];
}

/** The repaired item goes back to the customer: only for a received, passed return with resolution repair. */
export function completeRepair(cmd: CompleteRepair, state: OrderState): OrderEvent[] {
  const ret = requireReturn(state, cmd.returnId);
  if (ret.resolution !== 'repair') throw invalidTransition(`Return ${cmd.returnId} asks for a ${ret.resolution}, not a repair`);
  if (ret.status !== 'repair_in_progress') throw invalidTransition(`Return ${cmd.returnId} is ${ret.status}, not received and passed for repair`);
  requireNewShipmentId(state, cmd.shipmentId);
  return [{
    type: 'RepairCompleted',
    data: { returnId: cmd.returnId, shipmentId: cmd.shipmentId, carrier: cmd.carrier, trackingNumber: cmd.trackingNumber },
  }];
}

/** This area's commands → their decisions (decide.ts joins every area's table). */
export const returnDecisions: DecideHandlers<ReturnCommand['type']> = {
  RequestReturn: requestReturn,
  ApproveReturn: approveReturn,
  RejectReturn: rejectReturn,
  DispatchReturn: dispatchReturn,
  ReceiveReturn: receiveReturn,
  CompleteRepair: completeRepair,
};
