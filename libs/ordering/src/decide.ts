/**
 * decide: judges one command against the folded order and answers the events it causes, or
 * throws a DomainError whose code names the refused rule. Time comes from ctx.now only.
 * Events carry no metadata: the infrastructure adds actor, time, ids and policy version.
 */
import { DomainError, NotFoundError } from './errors';
import { ORDER_LIMITS } from './limits';
import type { OrderEvent } from './events';
import type { OrderCommand, OrderCommandType } from './commands';
import type { OrderState } from './state';
import type { DecideContext } from './decide-context';
import { handlerLookup, type DecideHandlers, type Decision } from './handlers';
import { placingDecisions } from './placing/decide';
import { shippingDecisions } from './shipping/decide';
import { returnDecisions } from './returns/decide';
import { refundDecisions } from './refunds/decide';
import { complaintDecisions } from './complaints/decide';
import { changeDecisions } from './changes/decide';

export type { DecideContext } from './decide-context';

/** Every command type → its decision. Typed over every command type: one without a decision does not compile. */
export const ORDER_DECISIONS: DecideHandlers<OrderCommandType> = {
  ...placingDecisions,
  ...shippingDecisions,
  ...returnDecisions,
  ...refundDecisions,
  ...complaintDecisions,
  ...changeDecisions,
};

const decisionFor = handlerLookup<Decision<OrderCommandType>>(ORDER_DECISIONS);

export function decide(command: OrderCommand, state: OrderState, ctx: DecideContext): OrderEvent[] {
  if (command.type !== 'PlaceOrder' && !state.exists) throw new NotFoundError('order_not_found', `Order ${command.orderId} does not exist`);
  const decision = decisionFor(command.type);
  // A command type this build does not know is a programming error, never a silent no-op.
  if (decision === undefined) throw new Error(`Unknown command ${(command as { type?: string }).type}`);
  const events = decision(command as never, state, ctx);
  // revision is 0-based: the stream holds revision + 1 events.
  if (state.revision + 1 + events.length > ORDER_LIMITS.eventsPerOrder) {
    throw new DomainError('order_event_limit_reached', `Order ${command.orderId} holds ${state.revision + 1} events; at most ${ORDER_LIMITS.eventsPerOrder} are kept per order.`);
  }
  return events;
}
