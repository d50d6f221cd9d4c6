import { BatchSizer } from './batch-sizer';

const options = { growAfter: 1, maxFactor: 8, maxEvents: 20_000, growBelowMs: 750, shrinkAboveMs: 2_000 };

describe('BatchSizer', () => {
  it('starts at the configured size and grows while full batches are quick, up to the cap', () => {
    const sizer = new BatchSizer(2_000, options);
    expect(sizer.current).toBe(2_000);
    const sizes = [];
    for (let i = 0; i < 6; i += 1) {
      sizer.record(true, 100);
      sizes.push(sizer.current);
    }
    expect(sizes).toEqual([4_000, 8_000, 16_000, 16_000, 16_000, 16_000]);
  });

  it('never passes maxEvents, even when the factor would allow it', () => {
    const sizer = new BatchSizer(5_000, options);
    for (let i = 0; i < 5; i += 1) sizer.record(true, 10);
    expect(sizer.current).toBe(20_000);
  });

  it('does not grow on short (live) pages or middling durations, and halves after a slow batch, not below the base', () => {
    const sizer = new BatchSizer(1_000, options);
    sizer.record(false, 10);
    sizer.record(true, 1_000);
    expect(sizer.current).toBe(1_000);
    sizer.record(true, 10);
    sizer.record(true, 10);
    expect(sizer.current).toBe(4_000);
    sizer.record(true, 5_000);
    expect(sizer.current).toBe(2_000);
    sizer.record(false, 5_000);
    sizer.record(false, 5_000);
    expect(sizer.current).toBe(1_000);
  });

  it('grows only after growAfter quick full batches in a row: a short burst keeps the configured size', () => {
    const sizer = new BatchSizer(40, { ...options, growAfter: 4 });
    const sizes = [];
    for (let i = 0; i < 6; i += 1) {
      sizer.record(true, 10);
      sizes.push(sizer.current);
    }
    expect(sizes).toEqual([40, 40, 40, 80, 160, 320]);
    sizer.record(false, 10); // caught up: the streak starts over, the size stays (and 320 is the cap, 8 × 40)
    sizer.record(true, 10);
    expect(sizer.current).toBe(320);
    sizer.record(true, 10);
    sizer.record(true, 10);
    sizer.record(true, 10);
    expect(sizer.current).toBe(320);
  });

  it('reset() goes back to the configured size; a base above the cap is kept', () => {
    const sizer = new BatchSizer(1_000, options);
    sizer.record(true, 10);
    sizer.reset();
    expect(sizer.current).toBe(1_000);
    const big = new BatchSizer(50_000, options);
    big.record(true, 10);
    expect(big.current).toBe(50_000);
  });
});
