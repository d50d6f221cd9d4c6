import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { loggingParams } from '@app/observability';
import type { AppConfig } from '@app/config';
import { CommandsModule } from '@app/api/commands/commands.module';
import { InfrastructureModule } from '@app/api/infrastructure/infrastructure.module';
import { projectionMigrations, projectionsFor } from '@app/projections/registry';
import { ProjectorModule } from './projector.module';

/** MODE=projector: no HTTP; the write path is there for the SLA scheduler's timeout commands. */
@Module({})
export class ProjectorAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [
        LoggerModule.forRoot(loggingParams(config)),
        InfrastructureModule.forRoot({ config, migrations: projectionMigrations(projectionsFor(config)) }),
        CqrsModule.forRoot(),
        CommandsModule,
        ProjectorModule.forRoot(),
      ],
    };
  }
}
