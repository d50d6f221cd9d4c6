import { ProblemException } from '../http/problem';
import { decodeTimerCursor, encodeTimerCursor } from './sla-cursor';

describe('timer list cursor', () => {
  it('round-trips the last key of a page', () => {
    const key = { dueAt: '2026-03-03T09:00:00.000Z', timerId: 'o-1:payment:o-1@0' };
    expect(decodeTimerCursor(encodeTimerCursor(key))).toEqual(key);
  });

  it.each(['not base64 json', Buffer.from('["x","y"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')])(
    'refuses %s with a 400 naming the field', (cursor) => {
      try {
        decodeTimerCursor(cursor);
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(ProblemException);
        expect((error as ProblemException).problem).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'cursor' }] });
      }
    },
  );
});
