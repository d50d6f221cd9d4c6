/** Latency percentiles with hdr-histogram-js (microsecond resolution, up to 60 s). */
import * as hdr from 'hdr-histogram-js';

export class Latency {
  private readonly h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3, bitBucketSize: 64, useWebAssembly: false });

  record(ms: number): void {
    this.h.recordValue(Math.max(1, Math.round(ms * 1000)));
  }

  get count(): number {
    return this.h.totalCount;
  }

  /** Milliseconds at the percentile (0 when empty). */
  p(percentile: number): number {
    return this.h.totalCount ? this.h.getValueAtPercentile(percentile) / 1000 : 0;
  }

  get max(): number {
    return this.h.maxValue / 1000;
  }

  get mean(): number {
    return this.h.mean / 1000;
  }

  add(other: Latency): void {
    this.h.add(other.h);
  }

  summary(): { p50: number; p90: number; p99: number; max: number; count: number } {
    return { p50: round(this.p(50)), p90: round(this.p(90)), p99: round(this.p(99)), max: round(this.max), count: this.count };
  }
}

export const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
