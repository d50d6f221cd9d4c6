/** Shipping, delivery, replacements and receipt (docs/domain-rules.md "Shipping and delivery"). */
import { DomainError, InvalidCommandError } from '../errors';
import type { OrderEvent } from '../events';
import type { ConfirmReceipt, DispatchShipment, MarkItemDelivered, MarkItemDeliveryFailed, ShipReplacement, ShippingCommand } from './commands';
import type { LineState, OrderState } from '../state';
import { liveQuantity, unrefundedQuantity } from '../queries';
import { UTC_CALENDAR } from '../business-calendar';
import type { DecideContext } from '../decide-context';
import {
  invalidTransition, requireLine, requireLineIdList, requireNewShipmentId, requirePaidAndOpen, requireReturn, sameLineSet,
} from '../guards';
import type { DecideHandlers } from '../handlers';

export function dispatchShipment(cmd: DispatchShipment, state: OrderState): OrderEvent[] {
  requirePaidAndOpen(state);
  requireNewShipmentId(state, cmd.shipmentId);
  const lineIds = requireLineIdList(cmd.lineIds, 'lineIds');
  for (const id of lineIds) {
    const line = requireLine(state, id);
    if (line.stage !== 'awaiting_shipment') throw invalidTransition(`Line ${id} does not await shipment (it is ${line.status})`);
    if (liveQuantity(line) === 0) throw invalidTransition(`Line ${id} is cancelled`);
    if (line.exchangeOf !== undefined) throw invalidTransition(`Line ${id} ships as the replacement of return ${line.exchangeOf}`);
    if (line.awaitingBalanceQuantity > 0) {
      throw new DomainError('balance_unpaid', `Line ${id} waits for the balance of an edit (${state.balanceDue} due)`, {
        lineId: id, balanceDue: state.balanceDue,
      });
    }
  }
  return [{
    type: 'ShipmentDispatched',
    data: { shipmentId: cmd.shipmentId, lineIds: [...lineIds], carrier: cmd.carrier, trackingNumber: cmd.trackingNumber },
  }];
}

function requireShippedLine(state: OrderState, lineId: string): LineState {
  const line = requireLine(state, lineId);
  if (line.stage !== 'shipped') throw invalidTransition(`Line ${lineId} is not in transit (it is ${line.status})`);
  return line;
}

export function markItemDelivered(cmd: MarkItemDelivered, state: OrderState, ctx: DecideContext): OrderEvent[] {
  const line = requireShippedLine(state, cmd.lineId);
  const deliveredAt = cmd.deliveredAt === undefined ? ctx.now : new Date(cmd.deliveredAt);
  if (Number.isNaN(deliveredAt.getTime())) {
    throw new InvalidCommandError('Invalid delivery time', [{ field: 'deliveredAt', message: 'must be an ISO 8601 date-time' }]);
  }
  if (line.dispatchedAt !== undefined && deliveredAt.getTime() < Date.parse(line.dispatchedAt)) {
    throw new DomainError('delivered_before_dispatch', `Line ${cmd.lineId} cannot be delivered before its dispatch at ${line.dispatchedAt}`);
  }
  if (deliveredAt.getTime() > ctx.now.getTime()) {
    throw new DomainError('delivered_in_future', `Delivery time ${deliveredAt.toISOString()} is in the future`);
  }
  return [{ type: 'ItemDelivered', data: { lineId: cmd.lineId, deliveredAt: deliveredAt.toISOString() } }];
}

export function markItemDeliveryFailed(cmd: MarkItemDeliveryFailed, state: OrderState): OrderEvent[] {
  requireShippedLine(state, cmd.lineId);
  return [{ type: 'ItemDeliveryFailed', data: { lineId: cmd.lineId, reason: cmd.reason } }];
}

export function shipReplacement(cmd: ShipReplacement, state: OrderState): OrderEvent[] {
  requirePaidAndOpen(state);
  requireNewShipmentId(state, cmd.shipmentId);
  const lineIds = requireLineIdList(cmd.lineIds, 'lineIds');
  if (cmd.returnId === undefined) requireFailedLines(state, lineIds);
  else requireExchangeReady(state, cmd.returnId, lineIds);
  return [{
    type: 'ReplacementShipped',
    data: {
      lineIds: [...lineIds], shipmentId: cmd.shipmentId, carrier: cmd.carrier, trackingNumber: cmd.trackingNumber,
      ...(cmd.returnId !== undefined ? { returnId: cmd.returnId } : {}),
    },
  }];
}

/** A failed delivery is re-shipped for the units not refunded meanwhile; a fully refunded line is settled. */
function requireFailedLines(state: OrderState, lineIds: readonly string[]): void {
  for (const id of lineIds) {
    const line = requireLine(state, id);
    if (line.stage !== 'delivery_failed') throw invalidTransition(`Line ${id} has no failed delivery (it is ${line.status})`);
    if (unrefundedQuantity(line) === 0) throw invalidTransition(`Line ${id} is already refunded`);
  }
}

function requireExchangeReady(state: OrderState, returnId: string, lineIds: readonly string[]): void {
  const ret = requireReturn(state, returnId);
  if (ret.resolution !== 'exchange') throw invalidTransition(`Return ${returnId} asks for a refund, not an exchange`);
  if (ret.status !== 'received') throw invalidTransition(`Return ${returnId} is ${ret.status}, not received and passed`);
  // The same product again, or the other product the exchange named (its lines, added when it was priced).
  const expected = ret.exchangeFor === undefined ? ret.lines.map((l) => l.lineId) : ret.exchangeFor.map((l) => l.lineId);
  if (!sameLineSet(expected, lineIds)) {
    throw new InvalidCommandError('A replacement ships the lines of its return', [
      { field: 'lineIds', message: `must be the lines of return ${returnId}: ${expected.join(', ')}` },
    ]);
  }
  for (const id of lineIds) {
    const line = requireLine(state, id);
    if (liveQuantity(line) === 0) throw invalidTransition(`Line ${id} is cancelled`);
    if (line.awaitingBalanceQuantity > 0) {
      throw new DomainError('balance_unpaid', `Line ${id} waits for the balance of exchange ${returnId} (${state.balanceDue} due)`, {
        lineId: id, balanceDue: state.balanceDue,
      });
    }
  }
}

export function confirmReceipt(cmd: ConfirmReceipt, state: OrderState, ctx: DecideContext): OrderEvent[] {
  const lineIds = cmd.by === 'system' ? autoConfirmable(cmd, state, ctx) : buyerConfirmable(cmd, state);
  if (lineIds.length === 0) throw invalidTransition(`Order ${state.orderId} has no delivered line awaiting confirmation`);
  return [{ type: 'ReceiptConfirmed', data: { lineIds, by: cmd.by } }];
}

/** Shown status `delivered`: delivered, not confirmed, no open return, not wholly refunded. */
function awaitsConfirmation(line: LineState): boolean {
  return line.status === 'delivered' && !line.receiptConfirmed;
}

function buyerConfirmable(cmd: ConfirmReceipt, state: OrderState): string[] {
  if (cmd.lineIds === undefined) return state.lines.filter(awaitsConfirmation).map((l) => l.lineId);
  const lineIds = requireLineIdList(cmd.lineIds, 'lineIds');
  for (const id of lineIds) {
    const line = requireLine(state, id);
    if (!awaitsConfirmation(line)) throw invalidTransition(`Line ${id} is ${line.status}, not delivered and unconfirmed`);
  }
  return [...lineIds];
}

/**
 * The receipt timer may fire late or for a line that changed meanwhile: the system confirms only
 * what is eligible now and skips the rest rather than failing the whole command.
 */
function autoConfirmable(cmd: ConfirmReceipt, state: OrderState, ctx: DecideContext): string[] {
  const calendar = ctx.calendar ?? UTC_CALENDAR;
  const named = cmd.lineIds === undefined ? undefined : new Set(cmd.lineIds);
  if (named) for (const id of named) requireLine(state, id);
  return state.lines
    .filter((l) => (named ? named.has(l.lineId) : true))
    .filter((l) => awaitsConfirmation(l) && l.deliveredAt !== undefined)
    .filter((l) => calendar.addCalendarDays(new Date(l.deliveredAt as string), ctx.policy.receiptAutoConfirmDays).getTime() <= ctx.now.getTime())
    .map((l) => l.lineId);
}

/** This area's commands → their decisions (decide.ts joins every area's table). */
export const shippingDecisions: DecideHandlers<ShippingCommand['type']> = {
  DispatchShipment: dispatchShipment,
  MarkItemDelivered: markItemDelivered,
  MarkItemDeliveryFailed: markItemDeliveryFailed,
  ShipReplacement: shipReplacement,
  ConfirmReceipt: confirmReceipt,
};
