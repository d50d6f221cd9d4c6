import { orderStream, type EventStore, type RecordedEvent } from '@app/event-store';
import type { OrderState } from '@app/ordering';
import { foldHistory } from './fold-stored-events';

export interface OrderHistory {
  state: OrderState;
  events: RecordedEvent[];
  /** Last revision, or null when the order does not exist. */
  revision: number | null;
}

/** Reads an order's whole stream (through the decrypting store) and folds it. */
export async function loadOrder(store: EventStore, orderId: string): Promise<OrderHistory> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(orderStream(orderId))) events.push(event);
  return { state: foldHistory(events), events, revision: events.length ? events[events.length - 1].revision : null };
}
