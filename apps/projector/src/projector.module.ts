import { Module, type DynamicModule } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections/nest';
import { PROJECTIONS } from '@app/projections/registry';
import type { Projection } from '@app/projections/runtime';
import {
  ProjectionRuntimeService, RUNNING_PROJECTIONS, RUNTIME_OPTIONS, type ProjectorRuntimeOptions,
} from './projection-runtime.service';

export interface ProjectorOptions {
  runtime?: ProjectorRuntimeOptions;
}

/**
 * The projector: everything driven from the stored log, from a checkpoint. Imported by the app
 * in MODE=all and by apps/projector/src/main.ts in MODE=projector; it needs the infrastructure
 * (PG_POOL, EVENT_STORE, APP_CONFIG) and, for the SLA scheduler, the CommandBus.
 */
@Module({})
export class ProjectorModule {
  static forRoot(projections: readonly Projection[] = PROJECTIONS, options: ProjectorOptions = {}): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [ProjectionsModule],
      providers: [
        { provide: RUNNING_PROJECTIONS, useValue: projections },
        { provide: RUNTIME_OPTIONS, useValue: options.runtime ?? {} },
        ProjectionRuntimeService,
        // The SLA scheduler goes here: a provider that, on each tick (config.slaTickMs), reads the
        // due timers of the sla-timers read model and sends their timeout commands through the
        // CommandBus (actor system, one idempotency key per timer), started and stopped by the
        // same lifecycle hooks as ProjectionRuntimeService.
      ],
      exports: [ProjectionRuntimeService],
    };
  }
}
