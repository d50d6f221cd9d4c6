import type { RecordedEvent } from '@app/event-store';
import { HandlerFailure } from './handler-failure';

export type CommitResult = 'committed' | 'fenced';

/**
 * A batch failed as a whole. Commit it again in halves, recursing into the half that fails,
 * until one event fails on its own: everything before it is committed (progress is kept) and
 * a HandlerFailure names its position. O(log n) transactions for one bad event. If nothing
 * fails this time (a transient error), the whole batch ends up committed.
 */
export async function bisectFailure(
  events: RecordedEvent[],
  commit: (events: RecordedEvent[]) => Promise<CommitResult>,
): Promise<CommitResult> {
  if (events.length === 1) {
    try {
      return await commit(events);
    } catch (error) {
      throw new HandlerFailure(error, events[0].position);
    }
  }
  const middle = Math.ceil(events.length / 2);
  for (const half of [events.slice(0, middle), events.slice(middle)]) {
    let result: CommitResult;
    try {
      result = await commit(half);
    } catch {
      result = await bisectFailure(half, commit);
    }
    if (result === 'fenced') return 'fenced';
  }
  return 'committed';
}
