import { GENESIS_HASH } from '@app/audit';
import { orderStream, type EventStore, type RecordedEvent } from '@app/event-store';
import { orderDecider, type OrderState } from '@app/ordering';
import { foldStoredEvents } from './fold-stored-events';

/** What the write path needs of a stored event besides its effect on the state. */
export interface StoredEventRef {
  eventId: string;
  type: string;
  revision: number;
  position: string;
  idempotencyKey?: string;
  requestHash?: unknown;
}

/** An order as the write path sees it: the folded state and what recognises a command sent again. */
export interface OrderHistory {
  state: OrderState;
  /** Last revision, or null when the order does not exist. */
  revision: number | null;
  /** Hash of the last event: the chain continues from it. */
  lastHash: string;
  /** The first event, for a PlaceOrder sent again. */
  placed: StoredEventRef | null;
  /** The events appended under an Idempotency-Key, in order: a retry finds its own here. */
  keyed: readonly StoredEventRef[];
}

export const NO_HISTORY: OrderHistory = Object.freeze({
  state: orderDecider.initialState, revision: null, lastHash: GENESIS_HASH, placed: null, keyed: Object.freeze([]) as readonly StoredEventRef[],
});

/** Continues `from` with events read after it (in revision order). */
export function extendHistory(from: OrderHistory, events: readonly RecordedEvent[]): OrderHistory {
  if (events.length === 0) return from;
  const keyed = events.filter((e) => typeof e.metadata.idempotencyKey === 'string').map(refOf);
  const last = events[events.length - 1];
  return {
    state: foldStoredEvents(from.state, events),
    revision: last.revision,
    lastHash: typeof last.metadata.hash === 'string' ? last.metadata.hash : GENESIS_HASH,
    placed: from.placed ?? (events[0].revision === 0 ? refOf(events[0]) : null),
    keyed: keyed.length ? [...from.keyed, ...keyed] : from.keyed,
  };
}

/** Reads an order's whole stream (through the decrypting store) and folds it. */
export async function loadOrder(store: EventStore, orderId: string): Promise<OrderHistory> {
  return extendHistory(NO_HISTORY, await readTail(store, orderId, 0));
}

export async function readTail(store: EventStore, orderId: string, fromRevision: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(orderStream(orderId), { fromRevision })) events.push(event);
  return events;
}

function refOf(e: RecordedEvent): StoredEventRef {
  return {
    eventId: e.eventId, type: e.type, revision: e.revision, position: e.position,
    ...(typeof e.metadata.idempotencyKey === 'string' ? { idempotencyKey: e.metadata.idempotencyKey } : {}),
    requestHash: e.metadata.requestHash,
  };
}
