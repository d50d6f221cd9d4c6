import { DomainError, type OrderCommand } from '@app/ordering';
import type { OrderHistory, StoredEventRef } from '@app/order-fold';
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
    const start = history.keyed.findIndex((e) => e.eventId === firstId);
    if (start >= 0) {
      const stored = history.keyed[start].requestHash;
      if (!(await sameRequest(stored))) throw idempotencyKeyReused();
      const own = history.keyed.slice(start).filter((e) => e.idempotencyKey === context.idempotencyKey && e.requestHash === stored);
      return { result: resultOf(command.orderId, own), requestHash: String(stored) };
    }
  }
  if (command.type === 'PlaceOrder' && history.placed) {
    const { placed } = history;
    if (!(await sameRequest(placed.requestHash))) {
      throw new DomainError('order_already_exists', `Order ${command.orderId} was already placed with a different body.`);
    }
    return { result: resultOf(command.orderId, [placed]), requestHash: String(placed.requestHash) };
  }
  return null;
}

function resultOf(orderId: string, events: StoredEventRef[]): CommandResult {
  const last = events[events.length - 1];
  return { orderId, revision: last.revision, position: last.position, events: events.map((e) => e.type) };
}
