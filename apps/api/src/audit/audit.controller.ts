import { Controller, Get, Headers, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { principalOf, Roles } from '@app/auth';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { OrderView } from '@app/ordering';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, problem } from '../http/problem';
import { RAW_EVENT_STORE } from '@app/event-store';
import { OrderIdParams } from '../orders/shared/params.dto';
import { OrderViewDto } from '../queries/order-view.dto';
import { maskAuditedEvent, maskOrderView, seesPersonalData } from '../privacy/personal-data-access';
import { AuditCheckpoints } from '@app/platform';
import { AuditErrors } from './audit-errors.decorator';
import { AuditedEventDto, ChainVerificationDto, OrderHistoryDto } from './audit-responses.dto';
import { StateAtQuery } from './audit.dto';
import { OrderAudit, RevisionBeyondHeadError, type AuditedEvent, type OrderVerification } from './order-audit';

const NDJSON = 'application/x-ndjson';
const STREAM_CHUNK = 16 * 1024;

/** Auditors' endpoints: answered from the event store, never from read models. */
@ApiTags('Audit')
@ApiBearerAuth()
@ApiExtraModels(AuditedEventDto, OrderHistoryDto)
@Controller('orders/:orderId')
export class AuditController {
  private readonly audit: OrderAudit;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(RAW_EVENT_STORE) stored: EventStore, checkpoints: AuditCheckpoints) {
    // Hashes were computed over the stored form; EVENT_STORE may be a view of it (decrypted).
    this.audit = new OrderAudit({ store, stored, checkpoints });
  }

  @Get('events')
  @Roles('auditor', 'service')
  @ApiOperation({
    summary: "The order's whole history: every event with metadata, revision and global position",
    description: 'Personal values (docs/privacy.md) are shown to auditor and admin, "[masked]" to service.',
  })
  @ApiProduces('application/json', NDJSON)
  @ApiOkResponse({
    description: 'The history, streamed as it is read; with `Accept: application/x-ndjson`, one event (AuditedEvent) per line',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(OrderHistoryDto) } },
      [NDJSON]: { schema: { $ref: getSchemaPath(AuditedEventDto) } },
    },
  })
  @AuditErrors([400, 401, 403, 404, 503])
  async events(
    @Param() { orderId }: OrderIdParams,
    @Headers('accept') accept: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const found = await this.audit.historyIfExists(orderId);
    if (!found) throw notFound(orderId);
    const history = seesPersonalData(principalOf(request).role, 'history') ? found : mapEvents(found, maskAuditedEvent);
    // Streamed straight from the store, page by page, in chunks pulled as the socket drains:
    // a long history never sits in memory whole, whichever the format.
    const ndjsonWanted = accept?.includes(NDJSON) ?? false;
    const body = Readable.from(ndjsonWanted ? ndjson(history) : jsonHistory(orderId, history), { objectMode: false });
    await reply.header('content-type', `${ndjsonWanted ? NDJSON : 'application/json'}; charset=utf-8`).send(body);
  }

  @Get('state')
  @Roles('auditor')
  @ApiOperation({
    summary: 'The order as it was at a past time or revision, replayed from its events',
    description: 'Exactly one of `at` and `revision`. The answer has the shape of GET /orders/{orderId}.',
  })
  @ApiOkResponse({ type: OrderViewDto })
  @AuditErrors([400, 401, 403, 404, 503])
  async state(@Param() { orderId }: OrderIdParams, @Query() query: StateAtQuery, @Req() request: FastifyRequest): Promise<OrderView> {
    if ((query.at === undefined) === (query.revision === undefined)) {
      throw new ProblemException(problem(400, 'validation_failed', 'Give exactly one of at or revision.', [{ field: 'at', message: 'give exactly one of at or revision' }]));
    }
    try {
      const view = await this.audit.stateAt(orderId, query.at !== undefined ? { at: new Date(query.at) } : { revision: Number(query.revision) });
      return seesPersonalData(principalOf(request).role, 'state') ? view : maskOrderView(view);
    } catch (error) {
      if (error instanceof RevisionBeyondHeadError) {
        throw new ProblemException(problem(400, 'validation_failed', error.message, [{ field: 'revision', message: `must be at most ${error.head}` }]));
      }
      throw error;
    }
  }

  @Get('verify')
  @Roles('auditor')
  @ApiOperation({
    summary: "Recompute the order's hash chain over the stored events and check it against the signed checkpoints: was its history altered?",
    description: 'checkpointStatus, checkpoint and signedEvents say which signed checkpoint was used and how many events it covers (docs/auditing.md).',
  })
  @ApiOkResponse({ type: ChainVerificationDto, description: 'valid false (still 200) when the chain is broken or a signed checkpoint contradicts it: firstInvalidRevision says where' })
  @AuditErrors([400, 401, 403, 404, 503])
  verify(@Param() { orderId }: OrderIdParams): Promise<OrderVerification> {
    return this.audit.verify(orderId);
  }
}

async function* mapEvents(events: AsyncIterable<AuditedEvent>, map: (event: AuditedEvent) => AuditedEvent): AsyncGenerator<AuditedEvent> {
  for await (const event of events) yield map(event);
}

/** One event a line. */
function ndjson(events: AsyncIterable<AuditedEvent>): AsyncGenerator<string> {
  return chunked('', events, (event) => `${JSON.stringify(event)}\n`, '');
}

/**
 * `{ orderId, events: [...] }`, byte for byte what JSON.stringify of the whole object gives (the
 * answer this route always gave), written as the events arrive.
 */
function jsonHistory(orderId: string, events: AsyncIterable<AuditedEvent>): AsyncGenerator<string> {
  let first = true;
  const item = (event: AuditedEvent) => {
    const text = `${first ? '' : ','}${JSON.stringify(event)}`;
    first = false;
    return text;
  };
  return chunked(`{"orderId":${JSON.stringify(orderId)},"events":[`, events, item, ']}');
}

/** Text gathered into chunks of about 16 kB: one socket write per event cost more than the events. */
async function* chunked(head: string, events: AsyncIterable<AuditedEvent>, item: (event: AuditedEvent) => string, tail: string): AsyncGenerator<string> {
  let chunk = head;
  for await (const event of events) {
    chunk += item(event);
    if (chunk.length < STREAM_CHUNK) continue;
    yield chunk;
    chunk = '';
  }
  chunk += tail;
  if (chunk) yield chunk;
}

function notFound(orderId: string): ProblemException {
  return new ProblemException(problem(404, 'order_not_found', `Order ${orderId} does not exist.`));
}
