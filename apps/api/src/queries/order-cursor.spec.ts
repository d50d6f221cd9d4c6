import { ProblemException } from '../http/problem';
import { decodeCursor, encodeCursor } from './order-cursor';

const forged = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');

describe('order list cursor', () => {
  it.each(['2026-03-03T09:00:00.000Z', '2026-03-03T10:00:00+01:00', '2024-02-29T23:59:59.123456Z'])('round-trips a key placed at %s', (placedAt) => {
    const key = { placedAt, orderId: '50001' };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
  });

  it.each([
    'not base64 json',
    forged({ a: 1 }),
    // Each of these passed Date.parse and failed in PostgreSQL (500).
    forged(['1', 'x']),
    forged(['2020-02-30', 'x']),
    forged(['2020-02-30T00:00:00Z', 'x']),
    forged(['2026-03-03T09:00:00.000+25:00', 'x']),
    forged(['2026-03-03T09:00:00.000Z', 'x\u0000']),
    forged(['2026-03-03T09:00:00.000Z', 'has space']),
    forged(['2026-03-03T09:00:00.000Z', 'x', 'y']),
  ])('refuses %s with a 400 naming the field', (cursor) => {
    try {
      decodeCursor(cursor);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).problem).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'cursor' }] });
    }
  });
});
