/**
 * decide: judges one command against the folded order and answers the events it causes, or
 * throws a DomainError whose code names the refused rule. Time comes from ctx.now only.
 * Events carry no metadata: the infrastructure adds actor, time, ids and policy version.
 */
import { NotFoundError } from './errors';
import type { OrderEvent } from './events';
import type { OrderCommand } from './commands';
import type { OrderState } from './state';
import type { DecideContext } from './decide-context';
import { cancelOrder, confirmPayment, failPayment, placeOrder } from './placing/decide';
import { confirmReceipt, dispatchShipment, markItemDelivered, markItemDeliveryFailed, shipReplacement } from './shipping/decide';
import { approveReturn, dispatchReturn, receiveReturn, rejectReturn, requestReturn } from './returns/decide';
import { issueRefund } from './refunds/decide';
import { openComplaint, resolveComplaint, respondToComplaint } from './complaints/decide';

export type { DecideContext } from './decide-context';

export function decide(command: OrderCommand, state: OrderState, ctx: DecideContext): OrderEvent[] {
  if (command.type === 'PlaceOrder') return placeOrder(command, state);
  if (!state.exists) throw new NotFoundError('order_not_found', `Order ${command.orderId} does not exist`);
  switch (command.type) {
    case 'ConfirmPayment': return confirmPayment(command, state);
    case 'FailPayment': return failPayment(command, state);
    case 'CancelOrder': return cancelOrder(command, state, ctx);
    case 'DispatchShipment': return dispatchShipment(command, state);
    case 'MarkItemDelivered': return markItemDelivered(command, state, ctx);
    case 'MarkItemDeliveryFailed': return markItemDeliveryFailed(command, state);
    case 'ShipReplacement': return shipReplacement(command, state);
    case 'ConfirmReceipt': return confirmReceipt(command, state, ctx);
    case 'RequestReturn': return requestReturn(command, state, ctx);
    case 'ApproveReturn': return approveReturn(command, state);
    case 'RejectReturn': return rejectReturn(command, state);
    case 'DispatchReturn': return dispatchReturn(command, state);
    case 'ReceiveReturn': return receiveReturn(command, state);
    case 'IssueRefund': return issueRefund(command, state);
    case 'OpenComplaint': return openComplaint(command, state);
    case 'RespondToComplaint': return respondToComplaint(command, state);
    case 'ResolveComplaint': return resolveComplaint(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${(unknown as { type?: string }).type}`);
    }
  }
}
