import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { PG_POOL } from '@app/database';
import { METRICS, type Metrics } from '@app/observability';
import { ProjectionCheckpoints } from '@app/projections/nest';
import { ProjectionRuntime, type Projection, type RuntimeOptions } from '@app/projections/runtime';
import type { Pool } from 'pg';

export const RUNNING_PROJECTIONS = Symbol('RUNNING_PROJECTIONS');
export const RUNTIME_OPTIONS = Symbol('RUNTIME_OPTIONS');

/** Tuning for tests (short standby retries and backoff); production uses the defaults. */
export type ProjectorRuntimeOptions = Partial<Omit<RuntimeOptions, 'logger' | 'onCommitted'>>;

/** Starts the runners once the whole app is up, and stops them (lock released) before the pool closes. */
@Injectable()
export class ProjectionRuntimeService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly runtime: ProjectionRuntime;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(RUNNING_PROJECTIONS) projections: readonly Projection[],
    @Inject(RUNTIME_OPTIONS) options: ProjectorRuntimeOptions,
    private readonly checkpoints: ProjectionCheckpoints,
    @Inject(METRICS) metrics: Metrics,
  ) {
    const onResubscribe = (projection: string) => metrics.projectionResubscriptions.inc({ projection });
    this.runtime = new ProjectionRuntime(
      pool,
      store,
      projections,
      { batchSize: config.projectionBatchSize, stallMs: config.projectionStallMs, onResubscribe, ...options, logger: new Logger('projections') },
      checkpoints.watcher,
    );
  }

  onApplicationBootstrap(): void {
    this.checkpoints.attach(this.runtime);
    this.runtime.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runtime.stop();
    this.checkpoints.detach(this.runtime);
  }
}
