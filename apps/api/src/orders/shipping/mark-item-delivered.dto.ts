import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

// A delivery time without a date, a time and a UTC offset cannot be placed on the audit timeline unambiguously.
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Body of POST /orders/{orderId}/lines/{lineId}/delivered. */
export class MarkItemDeliveredDto {
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_TIME_WITH_OFFSET, { message: '$property must be an ISO 8601 date-time with a UTC offset, e.g. 2025-03-01T14:30:00Z' })
  @ApiProperty({
    required: false,
    type: String,
    format: 'date-time',
    description: "The carrier's delivery time (not before dispatch, not in the future); defaults to now",
    example: '2025-03-01T14:30:00Z',
  })
  deliveredAt?: string;
}
