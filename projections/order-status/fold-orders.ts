import { foldOrder, initialOrderState, type FoldableEvent, type OrderState } from '@app/ordering';
import type { RecordedEvent } from '@app/event-store';
import { assertOpened } from '@app/privacy';
import { occurredAtOf, toDomainEvent } from '@app/api/commands/order-history';


/**
 * Continues an order's fold from its stored state with the same evolve (and upcasters) as the
 * write path. Events at or below the stored revision are already in (a replayed batch) and
 * are skipped; a gap in revisions means an event is missing, which must never be papered over.
 * Answers null when nothing was new.
 */
export function continueFold(orderId: string, stored: OrderState | undefined, events: readonly RecordedEvent[]): OrderState | null {
  const from = stored ?? initialOrderState;
  const fresh = events.filter((e) => e.revision > from.revision);
  if (!fresh.length) return null;
  let expected = from.revision + 1;
  const foldable: FoldableEvent[] = fresh.map((recorded) => {
    if (recorded.revision !== expected) {
      throw new Error(`order-status: order ${orderId} is at revision ${expected - 1} but the next event read is revision ${recorded.revision}`);
    }
    expected += 1;
    assertOpened(recorded);
    return { event: toDomainEvent(recorded), occurredAt: occurredAtOf(recorded), revision: recorded.revision };
  });
  return foldOrder(foldable, from);
}
