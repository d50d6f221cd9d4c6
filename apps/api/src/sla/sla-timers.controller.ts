import { applyDecorators, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { CLOCK, type Clock } from '@app/config';
import { ProjectionCheckpoints } from '@app/projections/nest';
import { SLA_TIMERS } from '@app/projections/sla-timers';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/database';
import { RETRY_AFTER_SECONDS } from '../http/error-status';
import { ProblemException, problem } from '../http/problem';
import { ProblemDto } from '../orders/problem.dto';
import { awaitPosition } from '../queries/read-your-writes';
import { decodeTimerCursor, encodeTimerCursor } from './sla-cursor';
import { listSlaTimers } from './sla-timer-list.query';
import { DEFAULT_TIMER_LIMIT, ListSlaTimersQuery, SlaTimerPageDto } from './sla-timers.dto';

const ERRORS: Record<number, string> = {
  400: 'validation_failed: an unknown state or kind, a malformed orderId, limit, cursor or minPosition; `errors` lists each',
  401: 'unauthenticated: no or unknown bearer token',
  403: 'forbidden: the role may not read SLA timers',
  503: 'projection_lagging: the read model has not reached minPosition after 5 s (Retry-After: 1); read_model_unavailable: not built yet; or unavailable',
};

/** Service-level timers, answered from the sla-timers read model only. */
@ApiTags('SLA timers')
@ApiBearerAuth()
@ApiExtraModels(ProblemDto)
@Controller('sla')
export class SlaTimersController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly checkpoints: ProjectionCheckpoints,
  ) {}

  @Get('timers')
  @Roles('service', 'finance', 'admin', 'auditor')
  @ApiOperation({
    summary: 'SLA timers, most urgent first: running and overdue ones by due time, then stopped ones',
    description: 'Keyset pagination: follow `nextCursor` until it is null. `overdue` is judged against the business clock at the moment of the read.',
  })
  @ApiOkResponse({ type: SlaTimerPageDto })
  @ApiErrorResponses()
  async list(@Query() query: ListSlaTimersQuery): Promise<SlaTimerPageDto> {
    const after = query.cursor !== undefined ? decodeTimerCursor(query.cursor) : undefined;
    await awaitPosition(this.checkpoints, SLA_TIMERS, query.minPosition);
    const limit = query.limit ?? DEFAULT_TIMER_LIMIT;
    const { items, hasMore } = await readModel(() => listSlaTimers(this.pool, {
      state: query.state, kind: query.kind, orderId: query.orderId, after, limit, now: this.clock.now(),
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: hasMore && last ? encodeTimerCursor({ stopped: last.stoppedAt !== undefined, dueAt: last.dueAt, timerId: last.timerId }) : null };
  }
}

const MISSING_RELATION = new Set(['42P01', '3F000']);

/** Not built yet (its migration or projection never ran here): 503, never an empty list that reads as "nothing due". */
async function readModel<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!MISSING_RELATION.has((error as { code?: string }).code ?? '')) throw error;
    throw new ProblemException(
      problem(503, 'read_model_unavailable', `The sla-timers read model is not built yet: ${(error as Error).message}`),
      { 'Retry-After': RETRY_AFTER_SECONDS },
    );
  }
}

function ApiErrorResponses(): MethodDecorator {
  return applyDecorators(...Object.entries(ERRORS).map(([status, description]) => ApiResponse({
    status: Number(status),
    description,
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
    ...(status === '503' ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
  })));
}
