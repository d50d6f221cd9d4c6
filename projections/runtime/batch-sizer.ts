/**
 * Catch-up batch size: starts at the configured batch size (PROJECTION_BATCH_SIZE) and, once a
 * projection is clearly catching up (`growAfter` full pages in a row, each applied and committed
 * quickly), doubles after every further quick full batch and halves after a slow one, between
 * the configured size and `maxFactor` times it. A short burst, or a live tail, keeps the
 * configured size. Measured (docs/benchmarks.md): a cold catch-up rewrites each order's row once per
 * batch that touches it, and orders interleave over tens of thousands of events, so 4 to 8 times
 * larger batches fold most orders' events in fewer row writes, and pay the per-batch round trips
 * fewer times: ~1.5 to 2 times the events/s. The time bound keeps every batch transaction short
 * (it holds back every global reader while it writes, docs/architecture.md); a live tail reads
 * short pages, whatever the size.
 */
export interface BatchSizerOptions {
  /** Quick full batches in a row before the first doubling. */
  growAfter: number;
  /** Largest multiple of the configured size. */
  maxFactor: number;
  /** Never more events per batch than this, whatever the factor. */
  maxEvents: number;
  /** A full batch done faster than this doubles the next one… */
  growBelowMs: number;
  /** …and one slower than this halves it. */
  shrinkAboveMs: number;
}

export const BATCH_SIZER_DEFAULTS: BatchSizerOptions = { growAfter: 4, maxFactor: 8, maxEvents: 20_000, growBelowMs: 1_000, shrinkAboveMs: 3_000 };

export class BatchSizer {
  private size: number;
  private streak = 0;
  private readonly max: number;

  constructor(private readonly base: number, private readonly options: BatchSizerOptions = BATCH_SIZER_DEFAULTS) {
    this.size = base;
    this.max = Math.max(base, Math.min(base * options.maxFactor, options.maxEvents));
  }

  /** Events to read for the next batch. */
  get current(): number {
    return this.size;
  }

  /** A batch applied and committed in `ms`; `full`: its page was full (catching up). */
  record(full: boolean, ms: number): void {
    if (ms > this.options.shrinkAboveMs) {
      this.streak = 0;
      this.size = Math.max(this.base, Math.floor(this.size / 2));
    } else if (full && ms < this.options.growBelowMs) {
      this.streak += 1;
      if (this.streak >= this.options.growAfter) this.size = Math.min(this.max, this.size * 2);
    } else this.streak = 0;
  }

  /** Back to the configured size (after a failure, a fence, a restart). */
  reset(): void {
    this.size = this.base;
    this.streak = 0;
  }
}
