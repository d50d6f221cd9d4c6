import { cursorParts, invalidCursor, isTimestamp } from '../http/cursor';
import type { TimerKey } from './sla-timer-list.query';

/** Timer ids are built from ids of the id pattern, a kind, ":" and "@" (`o-1:payment:o-1@0`). */
const TIMER_ID = /^[A-Za-z0-9_.:@-]{1,300}$/;

/**
 * The timer list's keyset cursor: the last item's (stopped, dueAt, timerId), base64url JSON.
 * Opaque to callers; valid whatever is written meanwhile (a timer that starts later appears
 * where its due time puts it).
 */
export function encodeTimerCursor(key: TimerKey): string {
  return Buffer.from(JSON.stringify([key.stopped ? 'stopped' : 'open', key.dueAt, key.timerId]), 'utf8').toString('base64url');
}

export function decodeTimerCursor(cursor: string): TimerKey {
  const parts = cursorParts(cursor);
  if (parts?.length === 3 && (parts[0] === 'open' || parts[0] === 'stopped') && isTimestamp(parts[1]) && typeof parts[2] === 'string' && TIMER_ID.test(parts[2])) {
    return { stopped: parts[0] === 'stopped', dueAt: parts[1], timerId: parts[2] };
  }
  throw invalidCursor('GET /sla/timers');
}
