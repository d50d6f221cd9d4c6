/** GET /sla/timers: the query (validated like a body: a bad value is a 400) and the answer's OpenAPI shape. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SLA_TIMER_KINDS, SLA_TIMER_STATES, type SlaTimerKind, type SlaTimerState } from '@app/projections/sla-timers/sla-rules';
import { MinPositionQuery } from '../queries/order-queries.dto';
import { ID_PATTERN } from '../orders/shared/fields';

export const DEFAULT_TIMER_LIMIT = 50;
export const MAX_TIMER_LIMIT = 500;

export class ListSlaTimersQuery extends MinPositionQuery {
  @ApiPropertyOptional({
    enum: SLA_TIMER_STATES, enumName: 'SlaTimerState',
    description: 'running: not stopped, not yet due; overdue: not stopped, due at or before now (business clock); met / late: stopped on time / after due; cancelled: no longer applies',
  })
  @IsOptional()
  @IsIn(SLA_TIMER_STATES as string[], { message: `state must be one of: ${SLA_TIMER_STATES.join(', ')}` })
  state?: SlaTimerState;

  @ApiPropertyOptional({ enum: SLA_TIMER_KINDS, enumName: 'SlaTimerKind' })
  @IsOptional()
  @IsIn(SLA_TIMER_KINDS as string[], { message: `kind must be one of: ${SLA_TIMER_KINDS.join(', ')}` })
  kind?: SlaTimerKind;

  @ApiPropertyOptional({ description: "Only this order's timers", example: '50001', pattern: ID_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'orderId must be 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit' })
  orderId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_TIMER_LIMIT, default: DEFAULT_TIMER_LIMIT, description: 'Items per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page (opaque)', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  cursor?: string;
}

export class SlaActionDto {
  @ApiProperty({ enum: ['acted', 'refused'], description: 'acted: the timeout command was appended; refused: the domain refused it (final, not retried)' })
  outcome: 'acted' | 'refused';

  @ApiPropertyOptional({ description: 'The refusal code', example: 'invalid_state_transition' })
  code?: string;

  @ApiProperty({ format: 'date-time', description: 'Business time of the attempt' })
  at: string;
}

export class SlaTimerDto {
  @ApiProperty({ example: '50001:payment:50001@0', description: '<orderId>:<kind>:<subjectId>@<revision of the starting event>' })
  timerId: string;

  @ApiProperty({ example: '50001' })
  orderId: string;

  @ApiProperty({ enum: SLA_TIMER_KINDS, enumName: 'SlaTimerKind', example: 'payment' })
  kind: SlaTimerKind;

  @ApiProperty({
    example: '50001',
    description: 'What is timed: the order (payment, shipment), an edit\'s balance (payment: balance:<orderId>), a shipment (delivery), '
      + 'a line (receipt), a return (return_review), a complaint (complaint_response, follow_up); '
      + 'refunds: return:<returnId>, cancellation:<orderId>, edit:<orderId> or delivery_failed:<lineId>',
  })
  subjectId: string;

  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it stopped or was cancelled' })
  stoppedAt?: string;

  @ApiProperty({ enum: SLA_TIMER_STATES, enumName: 'SlaTimerState', example: 'running' })
  state: SlaTimerState;

  @ApiProperty({ example: '24 hours', description: 'The policy duration the deadline was computed with when the timer started' })
  duration: string;

  @ApiPropertyOptional({ type: SlaActionDto, description: 'payment and receipt timers: what the scheduler did when they fell due' })
  action?: SlaActionDto;
}

export class SlaTimerPageDto {
  @ApiProperty({ type: [SlaTimerDto], description: 'Most urgent first: by due time, then timer id' })
  items: SlaTimerDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}
