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

export class UsedCheckpointDto {
  @ApiProperty({ type: 'integer', description: 'The checkpoint\'s number: checkpoints are numbered 1, 2, ... without gaps', example: 42 }) sequence: number;
  @ApiProperty({ type: 'integer', description: 'The order\'s head revision the checkpoint signed', example: 5 }) revision: number;
  @ApiProperty({ description: 'The hash the checkpoint signed for that revision', ...HASH }) hash: string;
  @ApiProperty({ format: 'date-time', description: 'When the checkpoint was signed' }) createdAt: string;
  @ApiProperty({ description: 'Global log position the checkpoint reaches (opaque)', example: '0/000000000000000012' }) position: string;
  @ApiProperty({ description: 'The signing key: first 16 hex digits of the SHA-256 of its public key', example: '3f2a9c01d4e5b6a7' }) keyId: string;
}

export class ChainVerificationDto {
  @ApiProperty({ example: '50001' }) orderId: string;
  @ApiProperty({ description: 'Every hash, link and revision checked out' }) valid: boolean;
  @ApiProperty({ type: 'integer', description: 'Events verified: all of them when valid, those before the break otherwise', example: 17 }) events: number;
  @ApiProperty({ description: 'Hash of the last verified event (64 zeros when none); keep it to detect a later truncation', ...HASH }) headHash: string;
  @ApiPropertyOptional({ type: 'integer', description: 'Only when invalid: the first revision whose hash, link or position does not check out, or the first after the last signed checkpoint that still matches', example: 4 }) firstInvalidRevision?: number;
  @ApiProperty({
    enum: ['confirmed', 'contradicted', 'forged', 'none', 'disabled'],
    description: 'confirmed: the signed checkpoints agree with the recomputed chain; contradicted: a signed checkpoint names another hash, or a revision the stream no longer has (valid false); forged: a checkpoint naming this order fails its signature (valid false); none: no checkpoint covers the order yet; disabled: no signing key configured',
    example: 'confirmed',
  })
  checkpointStatus: string;
  @ApiProperty({ type: UsedCheckpointDto, nullable: true, description: 'The latest signed checkpoint used (the one covering the most events, or the one that contradicts); null when none' })
  checkpoint: UsedCheckpointDto | null;
  @ApiProperty({ type: 'integer', description: 'Events covered by a checked signature; the events after them are protected by the hash chain alone', example: 6 })
  signedEvents: number;
}

export class AuditCheckpointDto {
  @ApiProperty({ type: 'integer', example: 42 }) sequence: number;
  @ApiProperty({ description: 'The exact text signed: canonical JSON of { format, sequence, previous, position, events, createdAt, keyId, streams: { <streamId>: { revision, hash } } }' }) body: string;
  @ApiProperty({ description: 'Ed25519 signature of the body\'s UTF-8 bytes, base64' }) signature: string;
}

export class AuditCheckpointPageDto {
  @ApiProperty({ description: 'The public key checking the signatures (raw 32 bytes, base64), as this service knows it', example: 'MCowBQYDK2VwAyEA…' }) publicKey: string;
  @ApiProperty({ example: '3f2a9c01d4e5b6a7' }) keyId: string;
  @ApiProperty({ type: [AuditCheckpointDto] }) checkpoints: AuditCheckpointDto[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as `after` for the next page; null at the end' }) next: number | null;
}
