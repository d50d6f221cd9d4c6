/** OpenAPI shapes of the audit answers (docs/http-api.md "Audit"); docs/auditing.md explains each field. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const HASH = { example: 'a3f1…', pattern: '^[0-9a-f]{64}$' };

export class EventActorDto {
  @ApiProperty({ enum: ['token', 'system'], description: 'token: a caller of the API; system: the SLA scheduler' }) type: string;
  @ApiPropertyOptional({ example: 'service', description: 'The token\'s role (type token)' }) role?: string;
  @ApiPropertyOptional({ example: 'service-1a2b3c4d', description: 'Which token: role and the first 8 hex digits of its SHA-256, never the secret (type token)' }) tokenName?: string;
  @ApiPropertyOptional({ example: 'sla-scheduler', description: 'The system component (type system)' }) name?: string;
}

/** Metadata as stored; a reader must accept fields it does not know (older or newer writers). */
export class EventMetadataDto {
  @ApiProperty({ type: EventActorDto }) actor: EventActorDto;
  @ApiProperty({ description: 'The request (X-Correlation-Id) or scheduler run this event came from', example: 'corr-123' }) correlationId: string;
  @ApiProperty({ description: 'What caused it: the timer for the scheduler; for an API call the serving process\'s request id (req-<n>, counted per process)', example: 'req-1' }) causationId: string;
  @ApiPropertyOptional({ description: 'The caller\'s Idempotency-Key, when one was sent' }) idempotencyKey?: string;
  @ApiProperty({ format: 'date-time', description: 'Business time of the decision (what ?at= compares)' }) occurredAt: string;
  @ApiProperty({ type: 'integer', description: 'Schema version the data was written in (data is shown upcast to today\'s)', example: 1 }) schemaVersion: number;
  @ApiProperty({ description: 'Version of the business policy that decided', example: '2026-01' }) policyVersion: string;
  @ApiProperty({ description: 'SHA-256 fingerprint of the request (path and canonical body)', ...HASH }) requestHash: string;
  @ApiProperty({ description: 'The previous event\'s hash (64 zeros for revision 0)', ...HASH }) prevHash: string;
  @ApiProperty({ description: 'SHA-256 over canonical JSON of type, data (as stored), metadata without hash, prevHash', ...HASH }) hash: string;
}

export class AuditedEventDto {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'PaymentConfirmed' }) type: string;
  @ApiProperty({ type: 'integer', description: '0-based position in the order\'s stream', example: 1 }) revision: number;
  @ApiProperty({ description: 'Opaque global position in the store\'s log (usable as minPosition)', example: '0/000000000000000012' }) position: string;
  @ApiProperty({ format: 'date-time', description: 'When the store wrote it' }) recordedAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event\'s data in today\'s schema (docs/events.md)' }) data: Record<string, unknown>;
  @ApiProperty({ type: EventMetadataDto }) metadata: EventMetadataDto;
}

export class OrderHistoryDto {
  @ApiProperty({ example: '50001' }) orderId: string;
  @ApiProperty({ type: [AuditedEventDto], description: 'Every event of the order\'s stream, in revision order' }) events: AuditedEventDto[];
}

export class ChainVerificationDto {
  @ApiProperty({ example: '50001' }) orderId: string;
  @ApiProperty({ description: 'Every hash, link and revision checked out' }) valid: boolean;
  @ApiProperty({ type: 'integer', description: 'Events verified: all of them when valid, those before the break otherwise', example: 17 }) events: number;
  @ApiProperty({ description: 'Hash of the last verified event (64 zeros when none); keep it to detect a later truncation', ...HASH }) headHash: string;
  @ApiPropertyOptional({ type: 'integer', description: 'Only when invalid: the first revision whose hash, link or position does not check out', example: 4 }) firstInvalidRevision?: number;
}
