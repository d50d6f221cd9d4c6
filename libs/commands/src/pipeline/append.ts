import { orderStream, type EventStore, type NewEvent } from '@app/event-store';
import type { OrderHistory } from '@app/order-fold';
import type { CommandResult } from '../command-context';

/**
 * Step 6, append at the revision the decision was taken on (no_stream for a new order): a
 * concurrent write makes it throw WrongExpectedRevisionError, never append on stale state.
 */
export async function appendToOrder(store: EventStore, orderId: string, history: OrderHistory, events: NewEvent[]): Promise<CommandResult> {
  const appended = await store.append(orderStream(orderId), events, history.revision ?? 'no_stream');
  return { orderId, revision: appended.revision, position: appended.position, events: events.map((e) => e.type) };
}
