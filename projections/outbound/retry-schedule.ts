/**
 * Delays before each retry, after the first attempt fails: Standard Webhooks' own schedule
 * (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) continued with 10 h steps so that retries span more
 * than three days (77 h 35 min in all) before an event becomes a dead letter.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000,
  10 * 3600_000, 10 * 3600_000, 10 * 3600_000, 10 * 3600_000, 10 * 3600_000, 10 * 3600_000, 10 * 3600_000,
];

/** Attempts in all: the first, then one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** A Retry-After longer than this is not honoured as such (an endpoint cannot park us for weeks). */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/**
 * Delay before the next attempt after `attempts` failed ones, or null when none is left.
 * ±10 % jitter, so the retries of many events do not arrive in step. A Retry-After (429, 503)
 * is honoured as given, at most 24 h.
 */
export function nextRetryDelay(attempts: number, retryAfterMs?: number, random: () => number = Math.random): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), MAX_RETRY_AFTER_MS);
  const base = RETRY_DELAYS_MS[attempts - 1];
  return Math.round(base * (0.9 + random() * 0.2));
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
