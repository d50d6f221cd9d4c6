/**
 * What the keyset cursors of the lists (GET /orders, GET /sla/timers) share: base64url JSON made
 * by this server, decoded strictly. Each part goes into a SQL comparison, so a part PostgreSQL
 * would refuse (`"1"` or `"2020-02-30"` as a timestamp, U+0000 in text) must be refused here, as
 * the caller's error (400), never reach the database and answer 500.
 */
import { ProblemException, problem } from './problem';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** The parts of a cursor, or undefined when it is not base64url JSON of an array. */
export function cursorParts(cursor: string): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** An ISO 8601 date-time with seconds and a zone (as the lists write them) that names a real instant. */
export function isTimestamp(value: unknown): value is string {
  const match = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const realDay = year >= 100 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const offsetOk = match[7] === undefined || (Number(match[8]) <= 15 && Number(match[9]) < 60);
  return realDay && hour < 24 && minute < 60 && second < 60 && offsetOk;
}

export function invalidCursor(list: string): ProblemException {
  return new ProblemException(problem(400, 'validation_failed', 'The request is malformed; see errors.', [
    { field: 'cursor', message: `cursor must be a nextCursor returned by ${list}` },
  ]));
}
