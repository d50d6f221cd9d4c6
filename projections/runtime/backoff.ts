/** Delay before retry number `attempt` (1-based): base × 2^(attempt-1), capped, with ±20 % jitter so standbys do not retry in step. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}

/** A sleep that `cancel()` ends early (stop, lock lost): a stopping runner never waits out a backoff. */
export class CancellableSleep {
  private pending = new Set<() => void>();

  sleep(ms: number): Promise<void> {
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
    for (const done of [...this.pending]) done();
  }
}
