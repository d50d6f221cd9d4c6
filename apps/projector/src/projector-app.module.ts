import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { loggingParams } from '@app/observability';
import type { AppConfig } from '@app/config';
import { CommandsModule, idempotencyMigrations } from '@app/commands';
import { InfrastructureModule } from '@app/platform';
import { projectionMigrations, projectionsFor } from '@app/projections/registry';
import { notificationMigrations } from '@app/projections/notifications';
import { outboundMigrations } from '@app/projections/outbound';
import type { Projection } from '@app/projections/runtime';
import { ProjectorModule, type ProjectorOptions } from './projector.module';

/** MODE=projector: no HTTP; the write path is there for the SLA scheduler's timeout commands. */
@Module({})
export class ProjectorAppModule {
  /** `projections`: those this process runs; by default every registered one, as configured. */
  static forRoot(config: AppConfig, projections?: readonly Projection[], options: ProjectorOptions = {}): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [
        LoggerModule.forRoot(loggingParams(config)),
        InfrastructureModule.forRoot({ config, migrations: [...idempotencyMigrations, ...outboundMigrations, ...notificationMigrations, ...projectionMigrations(projections ?? projectionsFor(config))] }),
        CqrsModule.forRoot(),
        CommandsModule,
        ProjectorModule.forRoot(projections, options),
      ],
    };
  }
}
