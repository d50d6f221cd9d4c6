import { comparePgPositions, formatPosition, parsePosition } from './position';
import { prefixUpperBound } from './read-statements';

describe('PostgreSQL positions', () => {
  it('round-trip 64-bit values exactly (BigInt, not Number)', () => {
    const big = 18446744073709551615n; // max xid8
    const position = formatPosition(big, 9007199254740993n); // 2^53 + 1
    expect(position).toBe('18446744073709551615-00009007199254740993');
    expect(parsePosition(position)).toEqual({ transactionId: big, globalPosition: 9007199254740993n });
  });

  it('order by transaction first, then global position; as numbers and as strings alike', () => {
    const positions = [formatPosition(900n, 5n), formatPosition(1000n, 2n), formatPosition(1000n, 10n), formatPosition(1000n, 9007199254740993n)];
    for (let i = 1; i < positions.length; i += 1) {
      expect(comparePgPositions(positions[i - 1], positions[i])).toBe(-1);
      expect(comparePgPositions(positions[i], positions[i - 1])).toBe(1);
      expect(positions[i - 1] < positions[i]).toBe(true);
    }
    expect(comparePgPositions(positions[2], positions[2])).toBe(0);
    // Differ only beyond 2^53: Number would call these equal.
    expect(comparePgPositions(formatPosition(1n, 9007199254740992n), formatPosition(1n, 9007199254740993n))).toBe(-1);
  });

  it('reject what is not a position', () => {
    for (const bad of ['', '12', '1-2', 'abc-def', `${'1'.repeat(20)}-${'1'.repeat(19)}`]) expect(() => parsePosition(bad)).toThrow(TypeError);
  });
});

describe('prefixUpperBound', () => {
  it('is the first string past every string with the prefix', () => {
    expect(prefixUpperBound('order-')).toBe('order.');
    expect(prefixUpperBound('')).toBeNull();
    expect(prefixUpperBound('a\u{10FFFF}')).toBe('b');
    expect(prefixUpperBound('a\uD7FF')).toBe('a\uE000');
  });
});
