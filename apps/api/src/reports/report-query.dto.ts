/**
 * Query strings of the refund reports. Each decorator pairs the validation with its OpenAPI
 * description, so the two cannot disagree. Values stay strings (the pipe converts nothing
 * implicitly); the controller turns `limit` into a number once it is known to be one.
 * Every report takes `minPosition` (docs/http-api.md "Reads": see your own write), like the order reads.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { isCalendarDate, REPORT_GROUP_BY, type ReportGroupBy } from '@app/projections/finance';
import { MinPositionQuery } from '../queries/order-queries.dto';
import type { ReportFormat } from './response-format';

export const LEDGER_DEFAULT_LIMIT = 100;
export const LEDGER_MAX_LIMIT = 1000;

export function CalendarDate(description: string, required: boolean): PropertyDecorator {
  return applyDecorators(
    ...(required ? [] : [IsOptional()]),
    ValidateBy({ name: 'isCalendarDate', validator: { validate: isCalendarDate, defaultMessage: () => '$property must be a date YYYY-MM-DD' } }),
    (required ? ApiProperty : ApiPropertyOptional)({ description, type: String, format: 'date', example: '2026-03-01' }),
  );
}

export const FORMAT = () => applyDecorators(
  IsOptional(),
  IsIn(['json', 'csv']),
  ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv answers text/csv, like Accept: text/csv; wins over Accept.' }),
);

export class RefundReportQuery extends MinPositionQuery {
  @CalendarDate('First UTC day of the period, inclusive (the day the refund was issued).', true)
  from: string;

  @CalendarDate('Last UTC day of the period, inclusive; not before from.', true)
  to: string;

  @IsOptional()
  @IsIn(REPORT_GROUP_BY)
  @ApiPropertyOptional({ enum: REPORT_GROUP_BY, default: 'day', description: 'What each row is: a day, a payment method, a reason, a destination or a currency (always also split by currency).' })
  groupBy?: ReportGroupBy;

  @FORMAT()
  format?: ReportFormat;
}

export class RefundLedgerQuery extends MinPositionQuery {
  @CalendarDate('First UTC day, inclusive; absent: from the first refund.', false)
  from?: string;

  @CalendarDate('Last UTC day, inclusive; absent: up to the last refund.', false)
  to?: string;

  @IsOptional()
  @ValidateBy({
    name: 'isLedgerLimit',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /^\d{1,4}$/.test(value) && Number(value) >= 1 && Number(value) <= LEDGER_MAX_LIMIT,
      defaultMessage: () => `$property must be a whole number from 1 to ${LEDGER_MAX_LIMIT}`,
    },
  })
  @ApiPropertyOptional({
    type: 'integer', minimum: 1, maximum: LEDGER_MAX_LIMIT,
    description: `Refunds per page (default ${LEDGER_DEFAULT_LIMIT}). For CSV, absent means the whole period in one download.`,
  })
  limit?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @ApiPropertyOptional({ description: 'nextCursor of the previous page (CSV: the X-Next-Cursor header).' })
  cursor?: string;

  @FORMAT()
  format?: ReportFormat;
}

export class OutstandingRefundsQuery extends MinPositionQuery {
  @FORMAT()
  format?: ReportFormat;
}

/** A period to reconcile: UTC days, inclusive. */
export class ReconciliationQuery {
  @CalendarDate('First UTC day of the period, inclusive (the day the refund was issued).', true)
  from: string;

  @CalendarDate('Last UTC day of the period, inclusive; not before from.', true)
  to: string;
}
