import type { RecordedEvent } from '@app/event-store';
import { DomainError, type OrderCommand } from '@app/ordering';
import type { OrderHistory } from '@app/order-fold';
import type { Answer, CommandContext, CommandResult } from '../command-context';
import { eventIdsFor } from '../deterministic-ids';
import { idempotencyKeyReused } from './errors';

/** Is a stored request fingerprint this request's? */
export type SameRequest = (storedFingerprint: unknown) => Promise<boolean>;

/**
 * Step 2, idempotent replay from the stream itself: the same Idempotency-Key (its deterministic
 * first event id is in the stream), or the same order placed again. Same body: the first answer
 * again; another body: refused. Null when the command is new.
 */
export async function replayFromHistory(command: OrderCommand, context: CommandContext, history: OrderHistory, sameRequest: SameRequest): Promise<Answer | null> {
  if (context.idempotencyKey) {
    const [firstId] = eventIdsFor(1, { idempotencyKey: context.idempotencyKey, path: context.path, orderId: command.orderId });
    const start = history.events.findIndex((e) => e.eventId === firstId);
    if (start >= 0) {
      const stored = history.events[start].metadata.requestHash;
      if (!(await sameRequest(stored))) throw idempotencyKeyReused();
      const own = history.events.slice(start).filter((e) => e.metadata.idempotencyKey === context.idempotencyKey && e.metadata.requestHash === stored);
      return { result: resultOf(command.orderId, own), requestHash: String(stored) };
    }
  }
  if (command.type === 'PlaceOrder' && history.events.length > 0) {
    const placed = history.events[0];
    if (!(await sameRequest(placed.metadata.requestHash))) {
      throw new DomainError('order_already_exists', `Order ${command.orderId} was already placed with a different body.`);
    }
    return { result: resultOf(command.orderId, [placed]), requestHash: String(placed.metadata.requestHash) };
  }
  return null;
}

function resultOf(orderId: string, events: RecordedEvent[]): CommandResult {
  const last = events[events.length - 1];
  return { orderId, revision: last.revision, position: last.position, events: events.map((e) => e.type) };
}
