export interface ProjectionHealth {
  state: 'idle' | 'running' | 'catching_up' | 'failed' | 'rebuilding' | 'stopped' | 'standby' | (string & {});
  /** Last applied position (opaque), null before the first event. */
  position: string | null;
  /** Events readable after the position. */
  lag: number;
  /** The count stopped at its cap: at least `lag` behind. */
  lagCapped?: true;
  /** Events/s over the recent window; 0 when idle. */
  throughput: number;
  eventsApplied: number;
  updatedAt?: string | null;
  error?: string;
  failedPosition?: string;
}

/** What /health and /metrics show of projections; ProjectionsModule provides the real one. */
export interface ProjectionStatusSource {
  status(): Promise<Record<string, ProjectionHealth>>;
}

export const PROJECTION_STATUS = Symbol('PROJECTION_STATUS');

export const NO_PROJECTIONS: ProjectionStatusSource = { status: async () => ({}) };
