import { Module, type DynamicModule } from '@nestjs/common';
import { AuditCheckpointsModule } from '@app/platform';
import { SlaSchedulerModule } from './sla-scheduler/sla-scheduler.module';
import type { DeliveryOptions } from '@app/projections/outbound';
import { DELIVERY_OPTIONS, OutboundDeliveryService } from './outbound/outbound-delivery.service';
import { PROJECTION_REGISTRY, ProjectionsModule } from '@app/projections/nest';
import type { Projection } from '@app/projections/runtime';
import {
  ProjectionRuntimeService, RUNNING_PROJECTIONS, RUNTIME_OPTIONS, type ProjectorRuntimeOptions,
} from './projection-runtime.service';
import { CheckpointSignerService } from './checkpoint-signer.service';

export interface ProjectorOptions {
  runtime?: ProjectorRuntimeOptions;
  /** Outbound delivery tuning (tests: a short poll); production uses the defaults. */
  outbound?: Partial<DeliveryOptions>;
}

/**
 * The projector: everything driven from the stored log, from a checkpoint. Imported by the app
 * in MODE=all and by apps/projector/src/main.ts in MODE=projector; it needs the infrastructure
 * (PG_POOL, EVENT_STORE, APP_CONFIG) and, for the SLA scheduler, the CommandBus.
 */
@Module({})
export class ProjectorModule {
  /** `projections`: those this process runs; by default every registered one (projectionsFor(config)). */
  static forRoot(projections?: readonly Projection[], options: ProjectorOptions = {}): DynamicModule {
    return {
      module: ProjectorModule,
      // Global: /health, /admin/sla/tick and the reads find the projector's providers from ApiModule.
      global: true,
      imports: [ProjectionsModule, SlaSchedulerModule, AuditCheckpointsModule],
      providers: [
        projections ? { provide: RUNNING_PROJECTIONS, useValue: projections } : { provide: RUNNING_PROJECTIONS, useExisting: PROJECTION_REGISTRY },
        { provide: RUNTIME_OPTIONS, useValue: options.runtime ?? {} },
        ProjectionRuntimeService,
        CheckpointSignerService,
        { provide: DELIVERY_OPTIONS, useValue: options.outbound ?? {} },
        OutboundDeliveryService,
      ],
      exports: [ProjectionRuntimeService, CheckpointSignerService, OutboundDeliveryService],
    };
  }
}
