import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthCheckController } from './health-check.controller';
import { EventStoreHealthIndicator, OutboundHealthIndicator, ProjectionsHealthIndicator, ReadModelsHealthIndicator } from './health.indicators';

/**
 * GET /health. Needs EVENT_STORE, PG_POOL and PROJECTION_STATUS from the global infrastructure
 * and projections modules. terminus's own logger is off: it would log an error on every probe
 * during an outage, which the pool and the request lines already report.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthCheckController],
  providers: [EventStoreHealthIndicator, ReadModelsHealthIndicator, ProjectionsHealthIndicator, OutboundHealthIndicator],
})
export class HealthModule {}
