export interface ProjectionHealth {
  state: 'running' | 'catching_up' | 'failed' | 'stopped' | 'standby' | (string & {});
  position: string | null;
  lag: number;
  error?: string;
  failedPosition?: string;
}

/** What /health shows of projections; the projector module provides the real one. */
export interface ProjectionStatusSource {
  status(): Promise<Record<string, ProjectionHealth>>;
}

export const PROJECTION_STATUS = Symbol('PROJECTION_STATUS');

export const NO_PROJECTIONS: ProjectionStatusSource = { status: async () => ({}) };
