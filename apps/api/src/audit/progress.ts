/** Progress of a long verification: counts, rate and an ETA, said at most once per interval. */
export interface ProgressSnapshot {
  streams: number;
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
  /** Events in the whole store when the run started (other streams included): an estimate; null while unknown or once passed. */
  totalEvents: number | null;
  /** Null while the total is unknown or nothing has been measured yet. */
  etaSeconds: number | null;
}

export class ProgressMeter {
  private readonly started: number;
  private lastReport: number;
  totalEvents: number | null = null;

  constructor(private readonly intervalMs: number, private readonly now: () => number = Date.now) {
    this.started = now();
    // Nothing until one interval has passed: short runs stay quiet.
    this.lastReport = this.started;
  }

  /** A snapshot when an interval has passed since the last one (or the start), else null. */
  tick(streams: number, events: number): ProgressSnapshot | null {
    const now = this.now();
    if (now - this.lastReport < this.intervalMs) return null;
    this.lastReport = now;
    return this.snapshot(streams, events);
  }

  snapshot(streams: number, events: number): ProgressSnapshot {
    const elapsedMs = this.now() - this.started;
    const eventsPerSecond = elapsedMs > 0 ? Math.round((events * 1000) / elapsedMs) : 0;
    // Past the estimate (events appended since, or a count that could not see them all yet),
    // it says nothing more about what is left: better no ETA than "0 s" for minutes.
    const totalEvents = this.totalEvents !== null && events < this.totalEvents ? this.totalEvents : null;
    const etaSeconds = totalEvents !== null && eventsPerSecond > 0 ? Math.ceil((totalEvents - events) / eventsPerSecond) : null;
    return { streams, events, elapsedMs, eventsPerSecond, totalEvents, etaSeconds };
  }
}

export function formatProgress(p: ProgressSnapshot): string {
  const share = p.totalEvents ? ` (${Math.floor((p.events * 100) / p.totalEvents)}% of ~${p.totalEvents})` : '';
  const eta = p.etaSeconds === null ? 'ETA unknown' : `ETA ${formatDuration(p.etaSeconds)}`;
  return `verify --all: ${p.streams} streams, ${p.events} events${share}, ${p.eventsPerSecond} events/s, ${eta}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
