/**
 * The projection's own fold: each order's state as of the last event applied, continued event
 * by event with the write path's evolve and upcasters, so every event is seen with the state
 * before and after it (which is what the timer rules compare).
 */
import type { RecordedEvent } from '@app/event-store';
import { evolve, initialOrderState, type OrderEvent, type OrderState } from '@app/ordering';
import { assertOpened } from '@app/privacy';
import { occurredAtOf, toDomainEvent } from '@app/api/commands/order-history';

export interface FoldStep {
  before: OrderState;
  after: OrderState;
  event: OrderEvent;
  meta: { occurredAt: string; revision: number };
}


/**
 * The new steps of one order. Events at or below the stored revision are already in (a replayed
 * batch) and are skipped; a gap in revisions means an event is missing, which must stop the
 * projection rather than be papered over.
 */
export function foldSteps(orderId: string, stored: OrderState | undefined, events: readonly RecordedEvent[]): FoldStep[] {
  let state = stored ?? initialOrderState;
  const steps: FoldStep[] = [];
  for (const recorded of events) {
    if (recorded.revision <= state.revision) continue;
    if (recorded.revision !== state.revision + 1) {
      throw new Error(`sla-timers: order ${orderId} is at revision ${state.revision} but the next event read is revision ${recorded.revision}`);
    }
    assertOpened(recorded);
    const event = toDomainEvent(recorded);
    const meta = { occurredAt: occurredAtOf(recorded), revision: recorded.revision };
    const after = evolve(state, event, meta);
    steps.push({ before: state, after, event, meta });
    state = after;
  }
  return steps;
}
