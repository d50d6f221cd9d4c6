import { evolve, initialOrderState, upcastOrderEvent, type OrderEvent, type OrderState } from '@app/ordering';
import { orderStream, type EventStore, type RecordedEvent } from '@app/event-store';

export interface OrderHistory {
  state: OrderState;
  events: RecordedEvent[];
  /** Last revision, or null when the order does not exist. */
  revision: number | null;
}

/**
 * Stored events read back in the current schema (old versions upcast). Personal values are
 * whatever the store handed over: plaintext through EVENT_STORE (the decrypting view), sealed
 * envelopes through the raw store (docs/privacy.md); read models refuse the latter.
 */
export function toDomainEvent(recorded: RecordedEvent): OrderEvent {
  const version = typeof recorded.metadata.schemaVersion === 'number' ? recorded.metadata.schemaVersion : 1;
  return upcastOrderEvent(recorded.type, recorded.data, version);
}

export function occurredAtOf(recorded: RecordedEvent): string {
  return typeof recorded.metadata.occurredAt === 'string' ? recorded.metadata.occurredAt : recorded.recordedAt.toISOString();
}

/** Folds with the same `evolve` that the projections and the auditors' state-at use. */
export function foldRecorded(events: Iterable<RecordedEvent>, until?: (e: RecordedEvent) => boolean): OrderState {
  let state = initialOrderState;
  for (const recorded of events) {
    if (until && !until(recorded)) break;
    state = evolve(state, toDomainEvent(recorded), { occurredAt: occurredAtOf(recorded), revision: recorded.revision });
  }
  return state;
}

export async function loadOrder(store: EventStore, orderId: string): Promise<OrderHistory> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(orderStream(orderId))) events.push(event);
  return { state: foldRecorded(events), events, revision: events.length ? events[events.length - 1].revision : null };
}
