import { MAX_ATTEMPTS, nextRetryDelay, parseRetryAfter, RETRY_DELAYS_MS } from './retry-schedule';

describe('the retry schedule', () => {
  it('starts within 10 s, spans more than three days, and ends in a dead letter', () => {
    expect(RETRY_DELAYS_MS.slice(0, 7)).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBeGreaterThan(72 * 3600_000);
    expect(nextRetryDelay(1, undefined, () => 1)).toBeLessThanOrEqual(10_000);
    expect(nextRetryDelay(MAX_ATTEMPTS - 1, undefined, () => 0.5)).toBe(RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1]);
    expect(nextRetryDelay(MAX_ATTEMPTS)).toBeNull();
  });

  it('jitters by at most 10 %', () => {
    expect(nextRetryDelay(2, undefined, () => 0)).toBe(270_000);
    expect(nextRetryDelay(2, undefined, () => 1)).toBe(330_000);
  });

  it('honours Retry-After (seconds or a date), at most a day, but not past the last attempt', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:10:00 GMT', now)).toBe(600_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(nextRetryDelay(1, 120_000)).toBe(120_000);
    expect(nextRetryDelay(1, 30 * 24 * 3600_000)).toBe(24 * 3600_000);
    expect(nextRetryDelay(MAX_ATTEMPTS, 1000)).toBeNull();
  });
});
