/**
 * GET /reports/after-sales: the query string and, for OpenAPI, the JSON answer
 * (docs/projections.md "After-sales service quality", docs/http-api.md).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AFTER_SALES_GROUP_BY, RETURN_REASONS, RETURN_RESOLUTIONS, type AfterSalesGroupBy } from '@app/projections/after-sales-report';
import { MinPositionQuery } from '../queries/order-queries.dto';
import { CalendarDate, FORMAT } from './report-query.dto';
import type { ReportFormat } from './response-format';

export class AfterSalesReportQueryDto extends MinPositionQuery {
  @CalendarDate('First UTC day of the period, inclusive.', true)
  from: string;

  @CalendarDate('Last UTC day of the period, inclusive; not before from.', true)
  to: string;

  @IsOptional()
  @IsIn(AFTER_SALES_GROUP_BY)
  @ApiPropertyOptional({
    enum: AFTER_SALES_GROUP_BY, default: 'week',
    description: "What each row is: the product category of the lines concerned (`mixed` when they differ), or the ISO week (UTC) of the fact, e.g. 2026-W10.",
  })
  groupBy?: AfterSalesGroupBy;

  @FORMAT()
  format?: ReportFormat;
}

const count = (description: string) => ApiProperty({ type: 'integer', description });
const nullableNumber = (description: string) => ApiProperty({ type: Number, nullable: true, description });

class ComplaintCountsDto {
  @count('ComplaintOpened in the period') opened: number;
  @count('ComplaintResolved in the period') resolved: number;
  @count('ComplaintReopened in the period') reopened: number;
}

class FirstResponseDto {
  @count('Openings and reopenings of the period answered (ComplaintResponded or ComplaintResolved) by now') answered: number;
  @nullableNumber('Median business hours to the first answer (nearest rank), two decimals; null when none was answered') p50Hours: number | null;
  @nullableNumber('90th percentile of the same (nearest rank)') p90Hours: number | null;
}

class ResponseSlaDto {
  @count('complaint_response timers started in the period and stopped in time') met: number;
  @count('... stopped late, or still running past their due time') breached: number;
  @nullableNumber('met / (met + breached) in percent, one decimal; null when no timer is settled or overdue') metPercent: number | null;
}

class SatisfactionDto {
  @count('ComplaintFeedbackGiven in the period') feedback: number;
  @count('... with satisfied: true') satisfied: number;
  @nullableNumber('satisfied / feedback in percent, one decimal; null without feedback') satisfiedPercent: number | null;
}

class ReturnCountsDto {
  @count('ReturnRequested in the period') requested: number;
  @ApiProperty({ description: 'Returns requested per reason, every reason listed', example: Object.fromEntries(RETURN_REASONS.map((r) => [r, 0])) })
  byReason: Record<string, number>;

  @ApiProperty({ description: 'Returns requested per resolution, every resolution listed', example: Object.fromEntries(RETURN_RESOLUTIONS.map((r) => [r, 0])) })
  byResolution: Record<string, number>;
}

class RepairTurnaroundDto {
  @count('RepairCompleted in the period') completed: number;
  @nullableNumber('Median business days from the return received to RepairCompleted (nearest rank); null without repairs') p50BusinessDays: number | null;
  @nullableNumber('90th percentile of the same (nearest rank)') p90BusinessDays: number | null;
}

export class AfterSalesFiguresDto {
  @ApiProperty() complaints: ComplaintCountsDto;
  @ApiProperty() firstResponse: FirstResponseDto;
  @ApiProperty() responseSla: ResponseSlaDto;
  @ApiProperty() satisfaction: SatisfactionDto;
  @ApiProperty() returns: ReturnCountsDto;
  @ApiProperty() repairTurnaround: RepairTurnaroundDto;
}

export class AfterSalesReportRowDto extends AfterSalesFiguresDto {
  @ApiProperty({ description: 'A product category (physical, digital, custom, service, or mixed), or an ISO week YYYY-Www in UTC', example: '2026-W10' })
  key: string;
}

export class AfterSalesReportDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ enum: AFTER_SALES_GROUP_BY }) groupBy: string;
  @ApiProperty({ type: [AfterSalesReportRowDto], description: 'One row per key with any figure, sorted by key' }) rows: AfterSalesReportRowDto[];
  @ApiProperty({ type: AfterSalesFiguresDto, description: 'The whole period (percentiles over all of it, not of the rows)' }) totals: AfterSalesFiguresDto;
}
