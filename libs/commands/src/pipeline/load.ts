import type { EventStore } from '@app/event-store';
import type { OrderCommand } from '@app/ordering';
import { NO_HISTORY, type OrderHistory, type OrderHistoryCache } from '@app/order-fold';
import type { CommandContext } from '../command-context';

/** The history of an order that has none. */
export const NO_ORDER: OrderHistory = NO_HISTORY;

/**
 * Step 1, load: the order's history, folded, continued from what this process folded before
 * (only the events after it are read). A PlaceOrder with neither Idempotency-Key
 * nor If-Match is decided unread on its first attempt: a new order has no stream, and an existing
 * one makes the append (expected no_stream) fail, after which the stream is read and the usual
 * rules answer. With a key the read stays: the store would return an earlier append with the same
 * derived event ids as this one's, and only the history can tell whether that earlier request had
 * the same body.
 */
export function loadForCommand(histories: OrderHistoryCache, store: EventStore, command: OrderCommand, context: CommandContext, attempt: number): Promise<OrderHistory> {
  return decidesUnread(command, context, attempt) ? Promise.resolve(NO_ORDER) : histories.load(store, command.orderId);
}

export function decidesUnread(command: OrderCommand, context: CommandContext, attempt: number): boolean {
  return attempt === 1 && command.type === 'PlaceOrder' && !context.idempotencyKey && context.expectedRevision === undefined;
}
