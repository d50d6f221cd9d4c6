import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { Roles } from '@app/auth';
import { CLOCK, type Clock } from '@app/config';
import { PG_POOL } from '@app/database';
import {
  AFTER_SALES_REPORT, AFTER_SALES_SCHEMA, afterSalesReport, RETURN_REASONS, RETURN_RESOLUTIONS, type AfterSalesReportRow,
} from '@app/projections/after-sales-report';
import { ProjectionCheckpoints } from '@app/projections/nest';
import { SLA_TIMERS } from '@app/projections/sla-timers';
import { ProblemDto } from '../orders/problem.dto';
import { awaitPosition } from '../queries/read-your-writes';
import { csvDocument, type CsvColumn } from './csv';
import { AfterSalesReportDto, AfterSalesReportQueryDto } from './after-sales-report.dto';
import { ReportOkResponse } from './report-response.decorator';
import { assertPeriod, sendCsv, sendJson } from './refund-reports.controller';
import { readModel } from './refund-reports.service';
import { reportFormat } from './response-format';

/** One CSV line per row: every figure in its own column, named after its JSON path. */
export const AFTER_SALES_CSV: CsvColumn<AfterSalesReportRow>[] = [
  { header: 'key', value: (r) => r.key },
  { header: 'complaintsOpened', value: (r) => r.complaints.opened },
  { header: 'complaintsResolved', value: (r) => r.complaints.resolved },
  { header: 'complaintsReopened', value: (r) => r.complaints.reopened },
  { header: 'firstResponseAnswered', value: (r) => r.firstResponse.answered },
  { header: 'firstResponseP50Hours', value: (r) => r.firstResponse.p50Hours },
  { header: 'firstResponseP90Hours', value: (r) => r.firstResponse.p90Hours },
  { header: 'responseSlaMet', value: (r) => r.responseSla.met },
  { header: 'responseSlaBreached', value: (r) => r.responseSla.breached },
  { header: 'responseSlaMetPercent', value: (r) => r.responseSla.metPercent },
  { header: 'feedback', value: (r) => r.satisfaction.feedback },
  { header: 'satisfied', value: (r) => r.satisfaction.satisfied },
  { header: 'satisfiedPercent', value: (r) => r.satisfaction.satisfiedPercent },
  { header: 'returnsRequested', value: (r) => r.returns.requested },
  ...RETURN_REASONS.map((reason) => ({ header: `returnsReason_${reason}`, value: (r: AfterSalesReportRow) => r.returns.byReason[reason] })),
  ...RETURN_RESOLUTIONS.map((resolution) => ({ header: `returnsResolution_${resolution}`, value: (r: AfterSalesReportRow) => r.returns.byResolution[resolution] })),
  { header: 'repairsCompleted', value: (r) => r.repairTurnaround.completed },
  { header: 'repairP50BusinessDays', value: (r) => r.repairTurnaround.p50BusinessDays },
  { header: 'repairP90BusinessDays', value: (r) => r.repairTurnaround.p90BusinessDays },
];

/** After-sales service quality (docs/projections.md "After-sales service quality"), for customer service and admins. */
@ApiTags('Reports')
@ApiBearerAuth()
@Roles('service')
@ApiBadRequestResponse({ type: ProblemDto, description: 'validation_failed: a malformed query, or from after to' })
@ApiUnauthorizedResponse({ type: ProblemDto })
@ApiForbiddenResponse({ type: ProblemDto, description: 'Only the service and admin roles' })
@ApiServiceUnavailableResponse({
  type: ProblemDto,
  description: 'projection_lagging: minPosition not reached after 5 s (Retry-After: 1); read_model_unavailable: not built yet; or unavailable',
})
@Controller('reports/after-sales')
export class AfterSalesReportController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly checkpoints: ProjectionCheckpoints,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Complaints, response times and SLA, satisfaction, returns and repair turnaround of a period (UTC days, inclusive), by product category or ISO week',
  })
  @ReportOkResponse(AfterSalesReportDto, 'JSON, or with Accept: text/csv or format=csv the rows as CSV with a header line, one column per figure',
    `${AFTER_SALES_CSV.map((c) => c.header).join(',')}\r\n2026-W11,3,1,0,2,2.5,13,1,2,33.3,2,2,100,2,0,1,0,0,1,0,1,1,1,3,3\r\n`)
  async report(@Query() query: AfterSalesReportQueryDto, @Headers('accept') accept: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    assertPeriod(query.from, query.to);
    // The response SLA is read from the sla-timers model: both must have applied the position.
    await awaitPosition(this.checkpoints, AFTER_SALES_REPORT, query.minPosition);
    await awaitPosition(this.checkpoints, SLA_TIMERS, query.minPosition);
    const groupBy = query.groupBy ?? 'week';
    const report = await readModel(() => afterSalesReport(this.pool, AFTER_SALES_SCHEMA, { from: query.from, to: query.to, groupBy, now: this.clock.now() }));
    if (reportFormat(query.format, accept) === 'csv') {
      await sendCsv(reply, `after-sales-${query.from}-${query.to}-by-${groupBy}.csv`, csvDocument(AFTER_SALES_CSV, report.rows));
    } else {
      await sendJson(reply, report);
    }
  }
}
