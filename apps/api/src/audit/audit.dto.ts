import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

export class StateAtQuery {
  @ApiPropertyOptional({ description: 'ISO 8601 time: the order as it was then (by business time, occurredAt).', example: '2026-11-20T10:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ description: 'Stream revision: the order right after that event (0 = after OrderPlaced).', example: '3' })
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: 'revision must be a whole number' })
  revision?: string;
}
