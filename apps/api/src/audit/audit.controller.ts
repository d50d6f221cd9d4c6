import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { Roles } from '@app/auth';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { FastifyReply } from 'fastify';
import { ProblemException, problem } from '../http/problem';
import { OrderIdParams } from '../orders/shared/params.dto';
import { StateAtQuery } from './audit.dto';
import { OrderAudit, RevisionBeyondHeadError, type AuditedEvent } from './order-audit';

/** Auditors' endpoints: answered from the event store, never from read models. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('orders/:orderId')
export class AuditController {
  private readonly audit: OrderAudit;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.audit = new OrderAudit(store);
  }

  @Get('events')
  @Roles('auditor', 'service')
  @ApiOperation({ summary: "The order's whole history: every event with metadata, revision and global position" })
  @ApiProduces('application/json', 'application/x-ndjson')
  @ApiOkResponse({ description: '`{ orderId, events: [...] }`, or one event per line with Accept: application/x-ndjson' })
  async events(@Param() { orderId }: OrderIdParams, @Headers('accept') accept: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.audit.exists(orderId))) throw notFound(orderId);
    if (accept?.includes('application/x-ndjson')) {
      // Streamed straight from the store, page by page: a long history never sits in memory whole.
      const lines = Readable.from(ndjson(this.audit.history(orderId)));
      await reply.header('content-type', 'application/x-ndjson; charset=utf-8').send(lines);
      return;
    }
    const events: AuditedEvent[] = [];
    for await (const event of this.audit.history(orderId)) events.push(event);
    await reply.header('content-type', 'application/json; charset=utf-8').send({ orderId, events });
  }

  @Get('state')
  @Roles('auditor')
  @ApiOperation({ summary: 'The order as it was at a past time or revision, replayed from its events' })
  async state(@Param() { orderId }: OrderIdParams, @Query() query: StateAtQuery) {
    if ((query.at === undefined) === (query.revision === undefined)) {
      throw new ProblemException(problem(400, 'validation_failed', 'Give exactly one of at or revision.', [{ field: 'at', message: 'give exactly one of at or revision' }]));
    }
    try {
      return await this.audit.stateAt(orderId, query.at !== undefined ? { at: new Date(query.at) } : { revision: Number(query.revision) });
    } catch (error) {
      if (error instanceof RevisionBeyondHeadError) {
        throw new ProblemException(problem(400, 'validation_failed', error.message, [{ field: 'revision', message: `must be at most ${error.head}` }]));
      }
      throw error;
    }
  }

  @Get('verify')
  @Roles('auditor')
  @ApiOperation({ summary: "Recompute the order's hash chain: was its history altered?" })
  verify(@Param() { orderId }: OrderIdParams) {
    return this.audit.verify(orderId);
  }
}

async function* ndjson(events: AsyncIterable<AuditedEvent>): AsyncGenerator<string> {
  for await (const event of events) yield `${JSON.stringify(event)}\n`;
}

function notFound(orderId: string): ProblemException {
  return new ProblemException(problem(404, 'order_not_found', `Order ${orderId} does not exist.`));
}
