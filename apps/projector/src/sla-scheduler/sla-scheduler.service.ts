import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { METRICS, type Metrics } from '@app/observability';
import { ProjectionCheckpoints } from '@app/projections/nest';
import { SLA_TIMERS } from '@app/projections/sla-timers';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/database';
import type { SlaTick } from './sla-tick';
import { SlaScheduler, type TickResult } from './sla-scheduler';

/**
 * The scheduler in the projector process: a pass every SLA_TICK_MS (after the previous one
 * ended, so passes never overlap in a process), started once the app is up and stopped (the
 * pass in flight finishing) before the pool closes. Also the SLA_TICK behind POST /admin/sla/tick.
 */
@Injectable()
export class SlaSchedulerService implements SlaTick, OnApplicationBootstrap, OnModuleDestroy {
  readonly scheduler: SlaScheduler;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = true;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    commandBus: CommandBus,
    checkpoints: ProjectionCheckpoints,
    @Inject(METRICS) metrics: Metrics,
  ) {
    this.scheduler = new SlaScheduler({
      pool, store, clock, commandBus,
      waitForProjection: (position, timeoutMs) => checkpoints.waitFor(SLA_TIMERS, position, timeoutMs),
      logger: new Logger('sla-scheduler'),
      onAction: (kind, outcome) => metrics.schedulerActions.inc({ kind, outcome }),
    });
  }

  runOnce(): Promise<TickResult> {
    return this.track(this.scheduler.runOnce());
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all(this.inFlight);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.track(this.scheduler.tick()).finally(() => this.schedule());
    }, this.config.slaTickMs);
    this.timer.unref();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(() => undefined, () => undefined);
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return work;
  }
}
