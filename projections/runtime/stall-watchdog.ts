import type { EventStore } from '@app/event-store';

/** Resolves `stalled` once; `cancel()` stops the checks (the wait ended another way). */
export interface StallWatch {
  stalled: Promise<void>;
  cancel(): void;
}

/**
 * A live subscription can freeze without failing: a dropped connection nobody noticed, a server
 * that stopped pushing, a client stuck in a read. Its consumer would then wait forever while
 * events pile up. This compares the log head with the consumer's position every few seconds
 * and reports a stall when the head has stayed ahead for `stallMs` with nothing delivered
 * (the consumer's position cannot move while it waits). A head that cannot be read is no
 * evidence either way: the store is down, and its own errors will say so.
 */
export function watchForStall(store: Pick<EventStore, 'headPosition' | 'comparePositions'>, position: string | null, stallMs: number): StallWatch {
  const checkEveryMs = Math.max(50, Math.min(5_000, Math.floor(stallMs / 3)));
  let cancelled = false;
  let timer: NodeJS.Timeout | undefined;
  let aheadSince: number | null = null;
  const stalled = new Promise<void>((resolve) => {
    const check = async () => {
      try {
        const head = await store.headPosition();
        const ahead = head !== null && (position === null || store.comparePositions(head, position) > 0);
        aheadSince = ahead ? aheadSince ?? Date.now() : null;
        if (aheadSince !== null && Date.now() - aheadSince >= stallMs && !cancelled) return resolve();
      } catch {
        // No head, no verdict: keep watching.
      }
      if (!cancelled) timer = setTimeout(() => void check(), checkEveryMs);
    };
    timer = setTimeout(() => void check(), checkEveryMs);
  });
  return {
    stalled,
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}
