/**
 * The shapes of decide's and evolve's dispatch tables. Each area exports a table for its own
 * commands and events; decide.ts and evolve.ts join them into tables typed over every command
 * and event type, so a type without a handler is a compile error (see exhaustive.spec.ts).
 */
import type { OrderCommandOf, OrderCommandType } from './commands';
import type { DecideContext } from './decide-context';
import type { OrderEvent, OrderEventOf, OrderEventType } from './events';
import type { OrderState } from './state';

export type Decision<K extends OrderCommandType> = (command: OrderCommandOf<K>, state: OrderState, ctx: DecideContext) => OrderEvent[];

export type DecideHandlers<K extends OrderCommandType> = { readonly [T in K]: Decision<T> };

/** Answers `state` itself or a new top-level object, never another existing one (evolve relies on it). */
export type Evolver<K extends OrderEventType> = (state: OrderState, event: OrderEventOf<K>, occurredAt: string) => OrderState;

export type EvolveHandlers<K extends OrderEventType> = { readonly [T in K]: Evolver<T> };

/**
 * A lookup into a handler table: a type the table does not own answers undefined (never one of
 * Object.prototype's members, as a plain `table[type]` would for 'constructor').
 */
export function handlerLookup<H>(table: object): (type: string) => H | undefined {
  const byType = new Map(Object.entries(table) as Array<[string, H]>);
  return (type) => byType.get(type);
}
