import { ProblemException } from '../http/problem';
import { decodeTimerCursor, encodeTimerCursor } from './sla-cursor';

const forged = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');

describe('timer list cursor', () => {
  it.each([false, true])('round-trips the last key of a page (stopped: %p)', (stopped) => {
    const key = { stopped, dueAt: '2026-03-03T09:00:00.000Z', timerId: 'o-1:payment:o-1@0' };
    expect(decodeTimerCursor(encodeTimerCursor(key))).toEqual(key);
  });

  it.each([
    'not base64 json',
    forged(['x', 'y']),
    forged({ a: 1 }),
    // Each of these passed Date.parse and failed in PostgreSQL (500).
    forged(['open', '1', 'x']),
    forged(['open', '2020-02-30', 'x']),
    forged(['open', '2020-02-30T10:00:00.000Z', 'x']),
    forged(['open', '2021-02-29T10:00:00Z', 'x']),
    forged(['open', '2026-03-03T24:00:00Z', 'x']),
    forged(['open', '2026-03-03T09:00:00.000Z', 'x\u0000']),
    forged(['open', '2026-03-03T09:00:00.000Z', '']),
    forged(['later', '2026-03-03T09:00:00.000Z', 'x']),
    forged(['open', '2026-03-03T09:00:00.000Z', 7]),
  ])('refuses %s with a 400 naming the field', (cursor) => {
    try {
      decodeTimerCursor(cursor);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).problem).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'cursor' }] });
    }
  });
});
