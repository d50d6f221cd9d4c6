/** Events per second over a sliding window of recent commits. */
export class ThroughputMeter {
  private samples: Array<{ at: number; count: number }> = [];

  constructor(private readonly windowMs = 10_000, private readonly now: () => number = Date.now) {}

  record(count: number): void {
    const at = this.now();
    this.samples.push({ at, count });
    this.prune(at);
  }

  /** Events/s: what committed within the window, over the window (or over the time since the first sample, when shorter). */
  rate(): number {
    const now = this.now();
    this.prune(now);
    if (!this.samples.length) return 0;
    const total = this.samples.reduce((sum, s) => sum + s.count, 0);
    const span = Math.max(now - this.samples[0].at, 1_000);
    return Math.round((total * 1000 * 10) / Math.min(span, this.windowMs)) / 10;
  }

  private prune(now: number): void {
    while (this.samples.length && now - this.samples[0].at > this.windowMs) this.samples.shift();
  }
}
