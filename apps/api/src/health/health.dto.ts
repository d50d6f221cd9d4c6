/** OpenAPI shape of GET /health (api.md "Operations"). */
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

export class ProjectionHealthDto {
  @ApiProperty({ enum: ['idle', 'catching_up', 'running', 'failed', 'rebuilding', 'stopped'], example: 'running' })
  state: string;

  @ApiProperty({ type: String, nullable: true, description: 'Last applied position (opaque); null before the first event', example: '00000000000000000812-00000000000000001042' })
  position: string | null;

  @ApiProperty({ type: 'integer', description: 'Events in the store after the position', example: 0 })
  lag: number;

  @ApiProperty({ description: 'Events/s over the last 10 s of commits', example: 0 })
  throughput: number;

  @ApiProperty({ type: 'integer', description: "Events applied to the live tables (a rebuild restarts the count)", example: 1042 })
  eventsApplied: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Version of the tables', example: 1 })
  version?: number;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time', example: '2026-03-02T09:00:00.000Z' })
  updatedAt?: string | null;

  @ApiPropertyOptional({ description: 'Why it is failed', example: "Unknown order event type 'OrderTeleported'" })
  error?: string;

  @ApiPropertyOptional({ description: 'Position of the event it fails on (retried with backoff, never skipped)', example: '00000000000000000813-00000000000000001043' })
  failedPosition?: string;
}

export class SubscriptionsHealthDto {
  @ApiProperty({ type: [String], description: 'Subscriptions holding dead letters (docs/outbound.md); they do not degrade the status', example: [] })
  failing: string[];
}

export class HealthDto {
  @ApiProperty({
    enum: ['ok', 'degraded'],
    description: 'degraded: a projection failed (200), or the event store or the read models are down (503)',
    example: 'ok',
  })
  status: 'ok' | 'degraded';

  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  eventStore: 'up' | 'down';

  @ApiProperty({ enum: ['up', 'down'], description: 'The PostgreSQL database of the read models', example: 'up' })
  readModels: 'up' | 'down';

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ProjectionHealthDto) },
    description: 'By projection name; empty while the read models are down',
    example: { 'order-status': { state: 'running', position: '00000000000000000812-00000000000000001042', lag: 0, throughput: 12.5, eventsApplied: 1042, version: 1 } },
  })
  projections: Record<string, ProjectionHealthDto>;

  @ApiProperty({ type: SubscriptionsHealthDto })
  subscriptions: SubscriptionsHealthDto;
}
