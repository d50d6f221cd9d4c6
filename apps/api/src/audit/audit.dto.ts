import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { ZONED_DATE_TIME } from './zoned-date-time';

export class StateAtQuery {
  @ApiPropertyOptional({
    description: 'ISO 8601 date-time with a zone: the order as it was then, by business time (each event\'s metadata.occurredAt; an event at exactly this time is included).',
    example: '2026-11-20T10:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(ZONED_DATE_TIME, { message: 'at must be a date-time with a zone, like 2026-11-20T10:00:00Z' })
  at?: string;

  @ApiPropertyOptional({ description: 'Stream revision: the order right after that event (0 = after OrderPlaced).', example: '3' })
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: 'revision must be a whole number' })
  revision?: string;
}
