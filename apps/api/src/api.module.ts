import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthGuard } from '@app/auth';
import { AdminModule } from './admin/admin.module';
import { CommandsModule } from '@app/commands';
import { QueriesModule } from './queries/queries.module';
import { ReportsModule } from './reports/reports.module';
import { SlaReadModule } from './sla/sla.module';
import { PrivacyModule } from './privacy/privacy.module';
import { TrackingModule } from './tracking/tracking.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrderCommandSender } from './orders/shared/order-command-sender';
import { OrderEditPreviewer } from './orders/changes/order-edit-previewer';
import { AuditController } from './audit/audit.controller';
import { AuditCheckpointsModule } from '@app/platform';
import { AuditCheckpointsController } from './audit/audit-checkpoints.controller';
import { HealthModule } from './health/health.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { ProblemFilter } from './http/problem.filter';
import { MetricsController } from './metrics/metrics.controller';
import { ProjectionLagMetrics } from './metrics/projection-lag.metrics';
import { OutboundMetrics } from './metrics/outbound.metrics';
import { TestClockController } from './test-clock/test-clock.controller';
import { ORDER_COMMAND_CONTROLLERS } from './orders/orders-commands.module';

/** The HTTP side: controllers, the command handler, auth and error mapping. */
@Module({
  imports: [CommandsModule, QueriesModule, AdminModule, SlaReadModule, ReportsModule, PrivacyModule, HealthModule, AuditCheckpointsModule, SubscriptionsModule, TrackingModule, NotificationsModule],
  controllers: [MetricsController, AuditController, AuditCheckpointsController, TestClockController, ...ORDER_COMMAND_CONTROLLERS],
  providers: [
    OrderCommandSender,
    OrderEditPreviewer,
    ProjectionLagMetrics,
    OutboundMetrics,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
  exports: [OrderCommandSender],
})
export class ApiModule {}
