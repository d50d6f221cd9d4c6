/**
 * evolve: the only way state changes. Pure and cheap (projections fold millions of events with
 * it): each event touches only what it names and shares everything else with the previous state.
 */
import type { OrderEvent, OrderEventType } from './events';
import type { OrderState } from './state';
import { initialOrderState } from './state';
import { handlerLookup, type EvolveHandlers, type Evolver } from './handlers';
import { placingEvolvers } from './placing/evolve';
import { shippingEvolvers } from './shipping/evolve';
import { returnEvolvers } from './returns/evolve';
import { refundEvolvers } from './refunds/evolve';
import { complaintEvolvers } from './complaints/evolve';
import { changeEvolvers } from './changes/evolve';

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

/** Every event type → how it changes the state. Typed over every event type: one without a handler does not compile. */
export const ORDER_EVOLVERS: EvolveHandlers<OrderEventType> = {
  ...placingEvolvers,
  ...shippingEvolvers,
  ...returnEvolvers,
  ...refundEvolvers,
  ...complaintEvolvers,
  ...changeEvolvers,
};

const evolverFor = handlerLookup<Evolver<OrderEventType>>(ORDER_EVOLVERS);

/** Answers `state` itself or a new top-level object, never another existing one (evolve relies on it). */
function apply(state: OrderState, event: OrderEvent, at: string): OrderState {
  const evolver = evolverFor(event.type);
  // An event type this build does not know must not be folded as if nothing happened: the state
  // would silently miss it. The upcaster refuses such events on read; this guards any other path.
  if (evolver === undefined) throw new Error(`Unknown order event type '${(event as { type?: string }).type}'`);
  return evolver(state, event as never, at);
}
