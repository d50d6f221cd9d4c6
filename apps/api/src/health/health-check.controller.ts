import { Controller, Get, Headers, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { bearerToken, Public, TOKEN_REGISTRY, type TokenRegistry } from '@app/auth';
import { HealthDto, HealthStatusDto, ProjectionHealthDto } from './health.dto';
import { EventStoreHealthIndicator, OutboundHealthIndicator, ProjectionsHealthIndicator, ReadModelsHealthIndicator } from './health.indicators';
import type { ProjectionHealth } from '@app/projections/nest';

/**
 * GET /health in the documented shape (docs/http-api.md "Operations"), computed by terminus indicators. Only the event store and the
 * read models decide the 503 and `down` (a load balancer should stop sending traffic); a failed
 * projection only makes it `degraded`, since commands still work and reads are merely stale.
 * Without a token only `{ status }` is answered: positions, volumes and a failed projection's
 * error are for callers of the service. /health/live and /health/ready are the probes.
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
    @Inject(TOKEN_REGISTRY) private readonly tokens: TokenRegistry,
    private readonly outbound: OutboundHealthIndicator,
  ) {}

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no token, no dependency checked)' })
  @ApiOkResponse({ type: HealthStatusDto, description: 'Always `{ "status": "ok" }`' })
  live(): HealthStatusDto {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the event store and the read models answer (no token)' })
  @ApiOkResponse({ type: HealthStatusDto, description: '`ok`, or `degraded` when a projection failed (reads stale, commands work)' })
  @ApiServiceUnavailableResponse({ type: HealthStatusDto, description: '`down`: the event store or the read models do not answer; take this replica out' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthStatusDto> {
    return { status: (await this.report(reply)).status };
  }

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Health of the event store, the read models and every projection',
    description: 'Without a token: `{ status }` only. With a token of any role: the event store, the read models, every projection and the failing subscriptions.',
  })
  @ApiOkResponse({ type: HealthDto, description: '`ok`, or `degraded` when a projection failed' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: '`down`: the event store or the read models do not answer' })
  async check(@Res({ passthrough: true }) reply: FastifyReply, @Headers('authorization') authorization?: string): Promise<HealthDto | HealthStatusDto> {
    const report = await this.report(reply);
    const token = bearerToken(authorization);
    return token && this.tokens.authenticate(token) ? report : { status: report.status };
  }

  private async report(reply: FastifyReply): Promise<HealthDto> {
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
    const eventStoreError = eventStore === 'down' ? String(result.details.eventStore?.reason ?? 'no answer') : undefined;
    // shutting_down: this process is closing; send traffic elsewhere.
    if (eventStore === 'down' || readModels === 'down' || result.status === 'shutting_down') {
      reply.status(503);
      return { status: 'down', eventStore, ...(eventStoreError ? { eventStoreError } : {}), readModels, projections, subscriptions: { failing: await failing } };
    }
    return { status: result.status === 'ok' ? 'ok' : 'degraded', eventStore, readModels, projections, subscriptions: { failing: await failing } };
  }
}

/** terminus throws its result as a 503 when an indicator is down; the answer is ours to shape. */
function checkResultOf(error: unknown): HealthCheckResult {
  if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
  throw error;
}
