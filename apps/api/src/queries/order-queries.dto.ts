/** Query strings of the order reads, validated like bodies: a malformed or unknown parameter is a 400. */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { OrderStatus } from '@app/ordering';

export const ORDER_STATUSES: readonly OrderStatus[] = ['pending_payment', 'processing', 'completed', 'cancelled', 'refunded'];
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export class MinPositionQuery {
  @ApiPropertyOptional({
    description: 'A `position` from a command answer: wait (up to 5 s) until the read model has applied it, else 503 projection_lagging',
    example: '00000000000000000815-00000000000000001042',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  minPosition?: string;
}

export class ListOrdersQuery extends MinPositionQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES, enumName: 'OrderStatus', description: 'Only orders in this status' })
  @IsOptional()
  @IsIn(ORDER_STATUSES as string[], { message: `status must be one of: ${ORDER_STATUSES.join(', ')}` })
  status?: OrderStatus;

  @ApiPropertyOptional({ description: "Only this customer's orders (the shop's customer id)", example: 'c-42', minLength: 1, maxLength: 128 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  customerId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, description: 'Items per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page (opaque)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  cursor?: string;
}
