import { ProblemException, problem } from '../http/problem';
import type { TimerKey } from './sla-timer-list.query';

/**
 * The timer list's keyset cursor: the last item's (dueAt, timerId), base64url JSON. Opaque to
 * callers; valid whatever is written meanwhile (a timer that starts later appears where its due
 * time puts it).
 */
export function encodeTimerCursor(key: TimerKey): string {
  return Buffer.from(JSON.stringify([key.dueAt, key.timerId]), 'utf8').toString('base64url');
}

export function decodeTimerCursor(cursor: string): TimerKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string'
    && !Number.isNaN(Date.parse(parsed[0]))) {
    return { dueAt: parsed[0], timerId: parsed[1] };
  }
  throw new ProblemException(problem(400, 'validation_failed', 'The request is malformed; see errors.', [
    { field: 'cursor', message: 'cursor must be a nextCursor returned by GET /sla/timers' },
  ]));
}
