import { formatDuration, formatProgress, ProgressMeter } from './progress';

describe('verify --all progress', () => {
  it('stays quiet until an interval has passed, then reports counts, rate and an ETA from the total', () => {
    let now = 1_000_000;
    const meter = new ProgressMeter(5_000, () => now);
    now += 4_999;
    expect(meter.tick(10, 1_000)).toBeNull();
    now += 1;
    expect(meter.tick(20, 2_000)).toEqual({ streams: 20, events: 2_000, elapsedMs: 5_000, eventsPerSecond: 400, totalEvents: null, etaSeconds: null });
    meter.totalEvents = 10_000;
    now += 1_000;
    expect(meter.tick(30, 3_000)).toBeNull();
    now += 4_000;
    const p = meter.tick(60, 4_000);
    expect(p).toMatchObject({ eventsPerSecond: 400, etaSeconds: 15 });
    expect(formatProgress(p!)).toBe('verify --all: 60 streams, 4000 events (40% of ~10000), 400 events/s, ETA 15 s');
  });

  it('drops the estimate once the run has passed it (events appended during the run) rather than promise 0 s', () => {
    let now = 0;
    const meter = new ProgressMeter(0, () => now);
    meter.totalEvents = 100;
    now = 1_000;
    expect(meter.tick(3, 150)).toMatchObject({ totalEvents: null, etaSeconds: null });
    expect(formatProgress(meter.snapshot(3, 150))).toBe('verify --all: 3 streams, 150 events, 150 events/s, ETA unknown');
  });

  it('writes durations for people', () => {
    expect([0, 59, 60, 3_599, 3_600, 90_061].map(formatDuration)).toEqual(['0 s', '59 s', '1 min 0 s', '59 min 59 s', '1 h 0 min', '25 h 1 min']);
  });
});
