/** OpenAPI shape of GET /health (docs/http-api.md "Operations"). */
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

export class ProjectionHealthDto {
  @ApiProperty({ enum: ['idle', 'catching_up', 'running', 'failed', 'rebuilding', 'stopped'], example: 'running' })
  state: string;

  @ApiProperty({ type: String, nullable: true, description: 'Last applied position (opaque); null before the first event', example: '00000000000000000812-00000000000000001042' })
  position: string | null;

  @ApiProperty({ type: 'integer', description: 'Events in the store after the position, counted up to 10,000 and refreshed at most every 5 s while the position stays', example: 0 })
  lag: number;

  @ApiPropertyOptional({ description: 'Present when the count stopped at its cap: at least `lag` events behind', example: true })
  lagCapped?: true;

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

/** ok: everything answers; degraded: a projection failed (200: commands work, reads stale); down: the event store or the read models do not answer (503). */
export type HealthStatus = 'ok' | 'degraded' | 'down';
const STATUS_DOC = {
  enum: ['ok', 'degraded', 'down'],
  description: 'ok; degraded: a projection failed (200, commands work, reads are stale); down: the event store or the read models do not answer (503)',
  example: 'ok',
};

/** What /health answers without a token, and /health/live and /health/ready. */
export class HealthStatusDto {
  @ApiProperty(STATUS_DOC)
  status: HealthStatus;
}

export class SubscriptionsHealthDto {
  @ApiProperty({ type: [String], description: 'Subscriptions holding dead letters (docs/outbound.md); they do not degrade the status', example: [] })
  failing: string[];
}

export class HealthDto {
  @ApiProperty(STATUS_DOC)
  status: HealthStatus;

  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  eventStore: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Only while eventStore is down: why (unreachable, no answer in time, credentials refused)', example: 'EventStoreDB unavailable during ping: …' })
  eventStoreError?: string;

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
