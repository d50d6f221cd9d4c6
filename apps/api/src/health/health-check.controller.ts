import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '@app/auth';
import { HealthDto, ProjectionHealthDto } from './health.dto';
import { EventStoreHealthIndicator, OutboundHealthIndicator, ProjectionsHealthIndicator, ReadModelsHealthIndicator } from './health.indicators';
import type { ProjectionHealth } from '@app/projections/nest';

/**
 * GET /health in api.md's shape, computed by terminus indicators. Only the event store and the
 * read models decide the 503 (a load balancer should stop sending traffic); a failed projection
 * only degrades the answer, since commands still work and reads are merely stale.
 */
@ApiTags('Operations')
@ApiExtraModels(ProjectionHealthDto)
@Controller('health')
export class HealthCheckController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly readModels: ReadModelsHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
    private readonly outbound: OutboundHealthIndicator,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Health of the event store, the read models and every projection (no token)' })
  @ApiOkResponse({ type: HealthDto, description: 'Up; status "degraded" when a projection failed' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The event store or the read models are down (status "degraded")' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const failing = this.outbound.failing();
    const result = await this.health
      .check([
        () => this.eventStore.isHealthy('eventStore'),
        () => this.readModels.isHealthy('readModels'),
        () => this.projections.isHealthy('projections'),
      ])
      .catch(checkResultOf);
    const eventStore = result.details.eventStore?.status === 'up' ? 'up' : 'down';
    const readModels = result.details.readModels?.status === 'up' ? 'up' : 'down';
    const projections = (result.details.projections?.byName ?? {}) as Record<string, ProjectionHealth>;
    // shutting_down: this process is closing; send traffic elsewhere.
    if (eventStore === 'down' || readModels === 'down' || result.status === 'shutting_down') reply.status(503);
    return { status: result.status === 'ok' ? 'ok' : 'degraded', eventStore, readModels, projections, subscriptions: { failing: await failing } };
  }
}

/** terminus throws its result as a 503 when an indicator is down; the answer is ours to shape. */
function checkResultOf(error: unknown): HealthCheckResult {
  if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
  throw error;
}
