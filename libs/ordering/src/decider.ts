/**
 * The order as one decider (in the spirit of Emmett's Decider): decide judges a command against
 * the folded state, evolve folds one event into it, initialState is the state before any event.
 */
import type { OrderCommand } from './commands';
import { decide, type DecideContext } from './decide';
import type { OrderEvent } from './events';
import { evolve, type EventMeta } from './evolve';
import { initialOrderState, type OrderState } from './state';

export interface OrderDecider {
  decide(command: OrderCommand, state: OrderState, ctx: DecideContext): OrderEvent[];
  evolve(state: OrderState, event: OrderEvent, meta: EventMeta): OrderState;
  readonly initialState: OrderState;
}

export const orderDecider: OrderDecider = Object.freeze({ decide, evolve, initialState: initialOrderState });
