import type { EventStore } from '@app/event-store';
import type { Pool } from 'pg';
import { CheckpointWatcher } from './checkpoint-watcher';
import { SILENT_LOGGER, type RuntimeLogger } from './logger';
import type { Projection } from './projection';
import { ProjectionRunner, type RunnerOptions, type RunnerStatus } from './runner';
import { projectionStatuses, type ProjectionStatus } from './status';

export type RuntimeOptions = Partial<Omit<RunnerOptions, 'onCommitted' | 'logger'>> & {
  batchSize: number;
  logger?: RuntimeLogger;
  /** Told of every commit in this process (e.g. a shared CheckpointWatcher's notify). */
  onCommitted?: (name: string, position: string) => void;
};

/**
 * liveBatchIntervalMs: under a steady trickle of commands each event was its own batch in every
 * projection (5 to 9 round trips each, three projections: ~20 queries per command at 200
 * commands/s). Pacing live batches 20 ms apart shares them: measured at 200 place orders/s,
 * ~10 queries per command instead of ~20, 20 % less service CPU and 35 % less PostgreSQL CPU per
 * command, read-your-writes lag p50 15 ms / p99 35 ms instead of 10-12 / 28-52 ms
 * (docs/benchmarks.md). Catching up is never paced.
 */
export const RUNNER_DEFAULTS = { standbyRetryMs: 2_000, backoffBaseMs: 250, backoffMaxMs: 30_000, stopTimeoutMs: 10_000, liveBatchIntervalMs: 20 } as const;

/** The runners of this process, one per projection, and what the rest of the app asks of them. */
export class ProjectionRuntime {
  private readonly runners: Map<string, ProjectionRunner>;
  readonly watcher: CheckpointWatcher;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    readonly projections: readonly Projection[],
    options: RuntimeOptions,
    watcher?: CheckpointWatcher,
  ) {
    assertUniqueNames(projections);
    this.watcher = watcher ?? new CheckpointWatcher(pool, store);
    const runnerOptions: RunnerOptions = {
      ...RUNNER_DEFAULTS,
      ...options,
      logger: options.logger ?? SILENT_LOGGER,
      onCommitted: (name, position) => {
        this.watcher.notify(name);
        options.onCommitted?.(name, position);
      },
    };
    this.runners = new Map(projections.map((p) => [p.name, new ProjectionRunner(pool, store, p, runnerOptions)]));
  }

  start(): void {
    for (const runner of this.runners.values()) runner.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
  }

  runner(name: string): RunnerStatus | undefined {
    return this.runners.get(name)?.status();
  }

  /** Read-your-writes: true once `name` has applied `position` (in this process or another). */
  waitFor(name: string, position: string, timeoutMs: number): Promise<boolean> {
    return this.watcher.waitFor(name, position, timeoutMs);
  }

  /** Waits until every projection has passed the store's head as of now (tests, benchmarks). */
  async waitForHead(timeoutMs: number): Promise<boolean> {
    const head = await this.store.headPosition();
    if (head === null) return true;
    const reached = await Promise.all(this.projections.map((p) => this.waitFor(p.name, head, timeoutMs)));
    return reached.every(Boolean);
  }

  status(): Promise<ProjectionStatus[]> {
    return projectionStatuses(this.pool, this.store, this.projections, (name) => this.runner(name));
  }
}

function assertUniqueNames(projections: readonly Projection[]): void {
  const seen = new Set<string>();
  for (const { name } of projections) {
    if (seen.has(name)) throw new Error(`Two projections named ${name}`);
    seen.add(name);
  }
}
