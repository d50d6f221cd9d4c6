import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { Roles } from '@app/auth';
import { FINANCE_PROJECTION_NAME } from '@app/projections/finance';
import { ProjectionCheckpoints } from '@app/projections/nest';
import { SLA_TIMERS } from '@app/projections/sla-timers';
import { ProblemDto } from '../orders/problem.dto';
import { ProblemException, problem } from '../http/problem';
import { awaitPosition } from '../queries/read-your-writes';
import { csvDocument, csvHeader, csvRow } from './csv';
import { exactJson } from './exact-json';
import { decodeLedgerCursor, encodeLedgerCursor } from './ledger-cursor';
import { LEDGER_CSV, OUTSTANDING_CSV, REPORT_CSV } from './report-csv';
import { LEDGER_DEFAULT_LIMIT, OutstandingRefundsQuery, ReconciliationQuery, RefundLedgerQuery, RefundReportQuery } from './report-query.dto';
import { LedgerPageDto, OutstandingRefundsDto, ReconciliationDto, RefundReportDto } from './report-responses.dto';
import { ReportOkResponse } from './report-response.decorator';
import { reportFormat } from './response-format';
import { RefundReportsService, type LedgerPageQuery } from './refund-reports.service';

/** Rows per query while streaming a whole period as one CSV download. */
const CSV_EXPORT_PAGE = 5000;


/** Finance's refund reports (docs/finance.md), answered from the finance read model. */
@ApiTags('Reports')
@ApiBearerAuth()
@Roles('finance')
@ApiBadRequestResponse({ type: ProblemDto, description: 'validation_failed: a malformed query, or from after to' })
@ApiUnauthorizedResponse({ type: ProblemDto })
@ApiForbiddenResponse({ type: ProblemDto, description: 'Only the finance and admin roles' })
@ApiServiceUnavailableResponse({
  type: ProblemDto,
  description: 'projection_lagging: minPosition not reached after 5 s (Retry-After: 1); read_model_unavailable: not built yet; or unavailable',
})
@Controller('reports/refunds')
export class RefundReportsController {
  constructor(private readonly reports: RefundReportsService, private readonly checkpoints: ProjectionCheckpoints) {}

  @Get()
  @ApiOperation({ summary: 'Refunds issued in a period (UTC days, inclusive), grouped by day, method, reason, destination or currency, per currency' })
  @ReportOkResponse(RefundReportDto, 'JSON, or with Accept: text/csv or format=csv the rows as CSV with a header line',
    'key,currency,count,goods,shipping,returnShipping,processingFee,feeRetained,total\r\n2026-03-01,EUR,2,14998,500,695,179,0,16372\r\n')
  async report(@Query() query: RefundReportQuery, @Headers('accept') accept: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    assertPeriod(query.from, query.to);
    await awaitPosition(this.checkpoints, FINANCE_PROJECTION_NAME, query.minPosition);
    const groupBy = query.groupBy ?? 'day';
    const report = await this.reports.report({ from: query.from, to: query.to, groupBy });
    if (reportFormat(query.format, accept) === 'csv') {
      await sendCsv(reply, `refunds-${query.from}-${query.to}-by-${groupBy}.csv`, csvDocument(REPORT_CSV, report.rows));
    } else {
      await sendJson(reply, report);
    }
  }

  @Get('reconciliation')
  @ApiOperation({
    summary: 'The report of a period against a replay of its refunds from the event log, per currency, to the cent',
    description: 'Reads the whole event log: run it on demand, not in a loop. The same check as `npm run finance:reconcile`.',
  })
  @ApiOkResponse({ type: ReconciliationDto })
  async reconciliation(@Query() query: ReconciliationQuery, @Res() reply: FastifyReply): Promise<void> {
    assertPeriod(query.from, query.to);
    const result = await this.reports.reconciliation(query.from, query.to);
    const { from, to, ok, differences, missingFromLedger, notInLog, withoutCurrency } = result;
    await sendJson(reply, { from, to, ok, differences, missingFromLedger, notInLog, withoutCurrency });
  }

  @Get('ledger')
  @ApiOperation({ summary: 'The refund ledger: one row per refund, oldest first, with keyset paging' })
  @ReportOkResponse(LedgerPageDto,
    'JSON `{ items, nextCursor }`. CSV: one row per refund; with limit, one page and the next cursor in X-Next-Cursor; without, the whole period',
    'refundId,orderId,issuedAt,currency,reason,method,destination,goods,shipping,returnShipping,processingFee,feeRetained,total\r\n'
      + 'rf-1,50001,2026-03-01T10:00:00.000Z,EUR,return,card,original,4999,0,695,59,0,5753\r\n')
  async ledger(@Query() query: RefundLedgerQuery, @Headers('accept') accept: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (query.from !== undefined && query.to !== undefined) assertPeriod(query.from, query.to);
    const after = query.cursor === undefined ? undefined : decodeLedgerCursor(query.cursor) ?? invalidCursor();
    await awaitPosition(this.checkpoints, FINANCE_PROJECTION_NAME, query.minPosition);
    const page: LedgerPageQuery = { from: query.from, to: query.to, after, limit: query.limit ? Number(query.limit) : LEDGER_DEFAULT_LIMIT };
    const csv = reportFormat(query.format, accept) === 'csv';
    const filename = `refund-ledger-${query.from ?? 'start'}-${query.to ?? 'end'}.csv`;
    if (csv && query.limit === undefined) return this.sendWholeLedger(reply, filename, page);

    const { items, next } = await this.reports.ledgerPage(page);
    const nextCursor = next ? encodeLedgerCursor(next) : null;
    if (!csv) {
      await sendJson(reply, { items, nextCursor });
      return;
    }
    if (nextCursor) void reply.header('x-next-cursor', nextCursor);
    await sendCsv(reply, filename, csvDocument(LEDGER_CSV, items));
  }

  @Get('outstanding')
  @ApiOperation({ summary: 'Refunds due and not yet issued (running refund timers), with the amount each would be, and sums per currency' })
  @ReportOkResponse(OutstandingRefundsDto, 'JSON, or the items as CSV with Accept: text/csv or format=csv',
    'timerId,orderId,reason,dueAt,overdue,currency,goods,shipping,returnShipping,processingFee,feeRetained,total\r\n'
      + 'refund-50001-c,50001,cancellation,2026-03-04T10:00:00.000Z,true,EUR,12498,500,0,150,0,13148\r\n')
  async outstanding(@Query() query: OutstandingRefundsQuery, @Headers('accept') accept: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    // Outstanding refunds are the sla-timers projection's: wait for that one.
    await awaitPosition(this.checkpoints, SLA_TIMERS, query.minPosition);
    const outstanding = await this.reports.outstanding();
    if (reportFormat(query.format, accept) === 'csv') {
      await sendCsv(reply, 'refunds-outstanding.csv', csvDocument(OUTSTANDING_CSV, outstanding.items));
    } else {
      await sendJson(reply, outstanding);
    }
  }

  /**
   * A period's whole ledger as one download, streamed page by page so it never sits in memory.
   * The first page is read before answering, so a missing read model is still a clean 503.
   */
  private async sendWholeLedger(reply: FastifyReply, filename: string, query: LedgerPageQuery): Promise<void> {
    const reports = this.reports;
    const first = await reports.ledgerPage({ ...query, limit: CSV_EXPORT_PAGE });
    async function* lines(): AsyncGenerator<string> {
      yield csvHeader(LEDGER_CSV);
      let page = first;
      for (;;) {
        yield page.items.map((row) => csvRow(LEDGER_CSV, row)).join('');
        if (!page.next) return;
        page = await reports.ledgerPage({ ...query, after: page.next, limit: CSV_EXPORT_PAGE });
      }
    }
    await sendCsv(reply, filename, Readable.from(lines()));
  }
}

export function assertPeriod(from: string, to: string): void {
  if (from > to) {
    throw new ProblemException(problem(400, 'validation_failed', `The period is empty: from ${from} is after to ${to}.`, [
      { field: 'from', message: 'from must not be after to' },
    ]));
  }
}

function invalidCursor(): never {
  throw new ProblemException(problem(400, 'validation_failed', 'cursor is not a cursor this server gave.', [
    { field: 'cursor', message: 'cursor must be a nextCursor from a previous page' },
  ]));
}

/**
 * Sums past 2^53 − 1 are BigInts: written as exact integer literals (exact-json.ts). A custom
 * serializer leaves the content type to us (Fastify sets it only for its own).
 */
export async function sendJson(reply: FastifyReply, body: unknown): Promise<void> {
  await reply.type('application/json; charset=utf-8').serializer(exactJson).send(body);
}

export async function sendCsv(reply: FastifyReply, filename: string, body: string | Readable): Promise<void> {
  await reply
    .header('content-type', 'text/csv; charset=utf-8; header=present')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}
