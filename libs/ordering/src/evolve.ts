/**
 * evolve: the only way state changes. Pure and cheap (projections fold millions of events with
 * it): each event touches only what it names and shares everything else with the previous state.
 */
import type { OrderEvent } from './events';
import type { OrderState } from './state';
import { initialOrderState } from './state';
import { orderCancelled, orderPlaced, paymentConfirmed, paymentFailed } from './placing/evolve';
import { itemDelivered, itemDeliveryFailed, receiptConfirmed, replacementShipped, shipmentDispatched } from './shipping/evolve';
import { returnApproved, returnDispatched, returnReceived, returnRejected, returnRequested } from './returns/evolve';
import { refundIssued } from './refunds/evolve';
import { complaintOpened, complaintResolved, complaintResponded } from './complaints/evolve';

export interface EventMeta {
  /** Business time of the event (ISO 8601), from its metadata. */
  occurredAt: string;
  /** Stream revision of the event (0-based). */
  revision: number;
}

export interface FoldableEvent extends EventMeta {
  event: OrderEvent;
}

export function evolve(state: OrderState, event: OrderEvent, meta: EventMeta): OrderState {
  const next = apply(state, event, meta.occurredAt);
  if (next === state) return { ...state, revision: meta.revision, updatedAt: meta.occurredAt };
  // `next` was just built by the handler and nobody else holds it yet: stamping it in place
  // saves a second copy of the whole state per event (a quarter of a fold's time).
  const owned = next as { -readonly [K in keyof OrderState]: OrderState[K] };
  owned.revision = meta.revision;
  owned.updatedAt = meta.occurredAt;
  return owned;
}

export function foldOrder(events: Iterable<FoldableEvent>, from: OrderState = initialOrderState): OrderState {
  let state = from;
  for (const e of events) state = evolve(state, e.event, e);
  return state;
}

/** Answers `state` itself or a new top-level object, never another existing one (evolve relies on it). */
function apply(state: OrderState, event: OrderEvent, at: string): OrderState {
  switch (event.type) {
    case 'OrderPlaced': return orderPlaced(state, event, at);
    case 'PaymentConfirmed': return paymentConfirmed(state, event, at);
    case 'PaymentFailed': return paymentFailed(state, event);
    case 'OrderCancelled': return orderCancelled(state, event, at);
    case 'ShipmentDispatched': return shipmentDispatched(state, event, at);
    case 'ItemDelivered': return itemDelivered(state, event);
    case 'ItemDeliveryFailed': return itemDeliveryFailed(state, event);
    case 'ReplacementShipped': return replacementShipped(state, event, at);
    case 'ReceiptConfirmed': return receiptConfirmed(state, event);
    case 'ReturnRequested': return returnRequested(state, event, at);
    case 'ReturnApproved': return returnApproved(state, event);
    case 'ReturnRejected': return returnRejected(state, event);
    case 'ReturnDispatched': return returnDispatched(state, event);
    case 'ReturnReceived': return returnReceived(state, event, at);
    case 'RefundIssued': return refundIssued(state, event, at);
    case 'ComplaintOpened': return complaintOpened(state, event, at);
    case 'ComplaintResponded': return complaintResponded(state, event);
    case 'ComplaintResolved': return complaintResolved(state, event);
    default:
      // An event type this build does not know (written by a newer one) changes nothing it can see.
      return state;
  }
}
