/** Delay before retry number `attempt` (1-based): base × 2^(attempt-1), capped, with ±20 % jitter so standbys do not retry in step. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}

/**
 * A sleep that `cancel()` ends early (stop, lock lost, work arrived): a stopping runner never
 * waits out a backoff. A cancel that comes while nobody sleeps is kept for the next sleep, which
 * then returns at once: work that arrived while the runner was busy (an attempt finishing during
 * a step) must not wait out a whole poll interval.
 */
export class CancellableSleep {
  private pending = new Set<() => void>();
  private cancelledEarly = false;

  sleep(ms: number): Promise<void> {
    if (this.cancelledEarly) {
      this.cancelledEarly = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pending.add(done);
    });
  }

  cancel(): void {
    if (!this.pending.size) this.cancelledEarly = true;
    for (const done of [...this.pending]) done();
  }
}
