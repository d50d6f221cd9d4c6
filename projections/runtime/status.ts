import type { EventStore } from '@app/event-store';
import type { Pool } from 'pg';
import { readCheckpoints, type Checkpoint, type ProjectionState } from './checkpoints';
import { DEFAULT_LAG_OPTIONS, projectionLag, type LagOptions } from './lag';
import type { Projection } from './projection';
import type { RunnerStatus } from './runner';

export interface ProjectionStatus {
  name: string;
  version: number;
  state: ProjectionState;
  /** Last committed position (opaque), null before the first event. */
  position: string | null;
  /** Events readable after the position: how far behind the read model is (counted up to a cap). */
  lag: number;
  /** Present (true) when the count stopped at the cap: at least `lag` events behind. */
  lagCapped?: true;
  /** Events/s over the active runner's recent window; 0 when idle. */
  throughput: number;
  eventsApplied: number;
  updatedAt: string | null;
  error?: string;
  failedPosition?: string;
}

/** A stored throughput older than this is from a runner that has since gone idle (or away). */
const THROUGHPUT_FRESH_MS = 15_000;

/**
 * Status from the checkpoint table (so it is right whichever process runs the projection), lag
 * from the store, and the live throughput of the runner in this process when it is the active one.
 */
export async function projectionStatuses(
  pool: Pool,
  store: EventStore,
  projections: readonly Projection[],
  local: (name: string) => RunnerStatus | undefined = () => undefined,
  lagOptions: LagOptions = DEFAULT_LAG_OPTIONS,
): Promise<ProjectionStatus[]> {
  const checkpoints = new Map((await readCheckpoints(pool)).map((c) => [c.name, c]));
  return Promise.all(projections.map((p) => statusOf(p, checkpoints.get(p.name), store, local(p.name), lagOptions)));
}

async function statusOf(
  projection: Projection,
  checkpoint: Checkpoint | undefined,
  store: EventStore,
  runner: RunnerStatus | undefined,
  lagOptions: LagOptions,
): Promise<ProjectionStatus> {
  const position = checkpoint?.position ?? null;
  const { lag, capped } = await projectionLag(store, projection.name, position, lagOptions);
  const fresh = checkpoint !== undefined && Date.now() - checkpoint.updatedAt.getTime() < THROUGHPUT_FRESH_MS;
  const throughput = runner?.active ? runner.throughput : fresh ? checkpoint.throughput : 0;
  return {
    name: projection.name,
    version: checkpoint?.version ?? projection.version,
    state: checkpoint?.state ?? 'idle',
    position,
    lag,
    ...(capped ? { lagCapped: true as const } : {}),
    throughput,
    eventsApplied: checkpoint?.eventsApplied ?? 0,
    updatedAt: checkpoint?.updatedAt.toISOString() ?? null,
    ...(checkpoint?.lastError ? { error: checkpoint.lastError } : {}),
    ...(checkpoint?.failedPosition ? { failedPosition: checkpoint.failedPosition } : {}),
  };
}
