import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { loggingParams } from '@app/observability';
import type { AppConfig } from '@app/config';
import { ApiModule } from './api.module';
import { CommandsModule } from './commands/commands.module';
import { NO_PROJECTIONS, PROJECTION_STATUS } from './health/projection-status';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { NO_SCHEDULER, SLA_TICK } from './test-clock/sla-tick';

export interface AppModuleOptions {
  config: AppConfig;
  /** The projector (projections and SLA scheduler), when this process runs it. */
  projector?: DynamicModule;
  /** Schema of the projections, applied at start whatever the mode. */
  projectionMigrations?: InfrastructureModuleMigrations;
}

type InfrastructureModuleMigrations = Parameters<typeof InfrastructureModule.forRoot>[0]['migrations'];

/** MODE=all: API and projector in one process; MODE=api or projector: one of them. */
@Module({})
export class AppModule {
  static forRoot({ config, projector, projectionMigrations }: AppModuleOptions): DynamicModule {
    const imports: ModuleMetadata['imports'] = [
      LoggerModule.forRoot(loggingParams(config)),
      InfrastructureModule.forRoot({ config, migrations: projectionMigrations }),
      CqrsModule.forRoot(),
      CommandsModule,
    ];
    if (config.mode !== 'projector') imports.push(ApiModule);
    if (config.mode !== 'api' && projector) imports.push(projector);
    return {
      module: AppModule,
      imports,
      providers: projector ? [] : [{ provide: PROJECTION_STATUS, useValue: NO_PROJECTIONS }, { provide: SLA_TICK, useValue: NO_SCHEDULER }],
      global: true,
      exports: projector ? [] : [PROJECTION_STATUS, SLA_TICK],
    };
  }
}
