import { Controller, Get, Headers, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionCheckpoints } from '@app/projections/nest';
import { findOrderView, listOrderSummaries, ORDER_STATUS } from '@app/projections/order-status';
import type { OrderView } from '@app/ordering';
import { principalOf } from '@app/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { ProblemException, problem } from '../http/problem';
import { PG_POOL } from '@app/database';
import { maskOrderView, seesPersonalData } from '../privacy/personal-data-access';
import { OrderIdParams } from '../orders/shared/params.dto';
import { decodeCursor, encodeCursor } from './order-cursor';
import { DEFAULT_LIMIT, ListOrdersQuery, MinPositionQuery } from './order-queries.dto';
import { OrderPageDto, OrderViewDto } from './order-view.dto';
import { OrderReadEndpoint } from './read-endpoint.decorator';
import { awaitPosition } from './read-your-writes';

/** Order reads, answered from the order-status read model only (never by replaying events). */
@ApiTags('Orders (reads)')
@Controller('orders')
export class OrderReadsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly checkpoints: ProjectionCheckpoints,
  ) {}

  @Get(':orderId')
  @OrderReadEndpoint([400, 401, 403, 404, 503])
  @ApiOperation({
    summary: 'One order as the read model has it',
    description: 'Answers with `ETag: "<revision>"`; with `If-None-Match` naming that revision, 304 without a body. The customer\'s e-mail and name are shown to service and admin, "[masked]" to finance and auditor (docs/privacy.md).',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag of an earlier answer: 304 while the order is unchanged', schema: { type: 'string', example: '"3"' } })
  @ApiOkResponse({ type: OrderViewDto, headers: { ETag: { description: 'The order\'s revision, quoted', schema: { type: 'string', example: '"3"' } } } })
  @ApiResponse({ status: 304, description: 'Not modified: the order is still at the revision If-None-Match names' })
  async get(
    @Param() { orderId }: OrderIdParams,
    @Query() query: MinPositionQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('if-none-match') ifNoneMatch?: string,
  ): Promise<OrderView | undefined> {
    await awaitPosition(this.checkpoints, ORDER_STATUS, query.minPosition);
    const view = await findOrderView(this.pool, orderId);
    if (!view) throw new ProblemException(problem(404, 'order_not_found', `Order ${orderId} does not exist.`));
    const etag = `"${view.revision}"`;
    void reply.header('ETag', etag);
    if (matchesEtag(ifNoneMatch, etag)) {
      void reply.status(304);
      return undefined;
    }
    return seesPersonalData(principalOf(request).role, 'order') ? view : maskOrderView(view);
  }

  @Get()
  @OrderReadEndpoint([400, 401, 403, 503])
  @ApiOperation({ summary: 'Orders, newest first', description: 'Keyset pagination: follow `nextCursor` until it is null.' })
  @ApiOkResponse({ type: OrderPageDto })
  async list(@Query() query: ListOrdersQuery): Promise<OrderPageDto> {
    const after = query.cursor !== undefined ? decodeCursor(query.cursor) : undefined;
    await awaitPosition(this.checkpoints, ORDER_STATUS, query.minPosition);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const { items, hasMore } = await listOrderSummaries(this.pool, { status: query.status, customerId: query.customerId, after, limit });
    const last = items[items.length - 1];
    return { items, nextCursor: hasMore && last ? encodeCursor({ placedAt: last.placedAt, orderId: last.orderId }) : null };
  }
}

/** RFC 9110 If-None-Match: `*`, or a list of entity tags compared weakly (a `W/` prefix does not matter). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const candidate = tag.trim().replace(/^W\//, '');
    return candidate === '*' || candidate === etag;
  });
}
