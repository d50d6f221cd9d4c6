import type { EventStore } from '@app/event-store';

export interface LagOptions {
  /** Counting stops here: past it the lag is shown as "at least" (lagCapped). */
  cap: number;
  /** How long one count answers for a projection whose checkpoint has not moved. */
  cacheMs: number;
}

export const DEFAULT_LAG_OPTIONS: LagOptions = { cap: 10_000, cacheMs: 5_000 };

export interface Lag {
  lag: number;
  /** The count stopped at the cap: the projection is at least `lag` events behind. */
  capped: boolean;
}

interface CachedLag extends Lag {
  position: string | null;
  at: number;
}

/** Per store (the same store object serves every /health of a process), per projection. */
const cache = new WeakMap<EventStore, Map<string, CachedLag>>();

/**
 * Lag for /health and /metrics without rescanning the log on every call: a count that stops at
 * `cap` (EventStoreDB counts by reading, PostgreSQL by an index scan), reused for `cacheMs` while
 * the projection's checkpoint stays where it was. A moved checkpoint is always counted afresh.
 */
export async function projectionLag(store: EventStore, name: string, position: string | null, options: LagOptions, now = Date.now()): Promise<Lag> {
  let byName = cache.get(store);
  if (!byName) cache.set(store, (byName = new Map()));
  const cached = byName.get(name);
  if (cached && cached.position === position && now - cached.at < options.cacheMs) return { lag: cached.lag, capped: cached.capped };
  const counted = await store.countAfter(position, options.cap);
  const lag = { lag: counted, capped: counted >= options.cap };
  byName.set(name, { ...lag, position, at: now });
  return lag;
}
