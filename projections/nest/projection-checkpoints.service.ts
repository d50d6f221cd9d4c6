import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { ProjectionHealth, ProjectionStatusSource } from './projection-status';
import { PG_POOL } from '@app/database';
import type { Pool } from 'pg';
import { CheckpointWatcher } from '../runtime/checkpoint-watcher';
import type { Projection } from '../runtime/projection';
import type { ProjectionRuntime } from '../runtime/projection-runtime';
import { projectionStatuses, type ProjectionStatus } from '../runtime/status';
import { PROJECTION_REGISTRY } from './tokens';

/**
 * What every process (API, projector or both) can tell about projections: their status from the
 * checkpoint table, and read-your-writes waits. When this process also runs the projections, the
 * runtime attaches itself, so its commits wake waiters at once and its live throughput shows.
 */
@Injectable()
export class ProjectionCheckpoints implements ProjectionStatusSource, OnModuleDestroy {
  readonly watcher: CheckpointWatcher;
  private runtime: ProjectionRuntime | null = null;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_REGISTRY) readonly projections: readonly Projection[],
  ) {
    this.watcher = new CheckpointWatcher(pool, store);
  }

  attach(runtime: ProjectionRuntime): void {
    this.runtime = runtime;
  }

  detach(runtime: ProjectionRuntime): void {
    if (this.runtime === runtime) this.runtime = null;
  }

  has(name: string): boolean {
    return this.projections.some((p) => p.name === name);
  }

  list(): Promise<ProjectionStatus[]> {
    return projectionStatuses(this.pool, this.store, this.projections, (name) => this.runtime?.runner(name));
  }

  /** For /health: `{ <name>: { state, position, lag, ... } }`. */
  async status(): Promise<Record<string, ProjectionHealth>> {
    const statuses = await this.list();
    return Object.fromEntries(statuses.map(({ name, ...health }) => [name, health]));
  }

  /** A position this store could have made (the rest of the API treats positions as opaque). */
  isPosition(position: string): boolean {
    try {
      this.store.comparePositions(position, position);
      return true;
    } catch {
      return false;
    }
  }

  waitFor(name: string, position: string, timeoutMs: number): Promise<boolean> {
    return this.watcher.waitFor(name, position, timeoutMs);
  }

  onModuleDestroy(): void {
    this.watcher.close();
  }
}
