import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { loggingParams } from '@app/observability';
import type { AppConfig } from '@app/config';
import { ApiModule } from './api.module';
import { CommandsModule, idempotencyMigrations } from '@app/commands';
import { ProjectionsModule } from '@app/projections/nest';
import { InfrastructureModule } from '@app/platform';
import { notificationMigrations } from '@app/projections/notifications';
import { outboundMigrations } from '@app/projections/outbound';
import { NO_SCHEDULER, SLA_TICK } from '@app/projector/sla-scheduler/sla-tick';
import { ID_PATTERN } from './orders/shared/fields';
import { trackingMigrations } from './tracking/tracking.migrations';

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
      // The order id is what operators search by; any other path segment may hold what a caller mistyped.
      LoggerModule.forRoot(loggingParams(config, { loggedParams: { orderId: ID_PATTERN } })),
      InfrastructureModule.forRoot({ config, migrations: [...idempotencyMigrations, ...outboundMigrations, ...notificationMigrations, ...trackingMigrations, ...(projectionMigrations ?? [])] }),
      CqrsModule.forRoot(),
      CommandsModule,
      ProjectionsModule,
    ];
    if (config.mode !== 'projector') imports.push(ApiModule);
    const runsProjector = config.mode !== 'api' && projector !== undefined;
    if (runsProjector) imports.push(projector);
    return {
      module: AppModule,
      imports,
      // Without the projector in this process, /admin/sla/tick has no scheduler to run.
      providers: runsProjector ? [] : [{ provide: SLA_TICK, useValue: NO_SCHEDULER }],
      global: true,
      exports: runsProjector ? [] : [SLA_TICK],
    };
  }
}
