import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested, ValidateIf } from 'class-validator';
import { ORDER_EVENT_TYPES } from '@app/ordering';
import { ID_PATTERN } from '../orders/shared/fields';
import { Field, instantProblem, isRecord, positionProblem, type Check } from './subscription-fields';

const idProblem: Check = (v) => (typeof v === 'string' && ID_PATTERN.test(v) ? null : 'must be 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit');
const SUBJECT = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export class SinkDto {
  @ApiProperty({ enum: ['webhook', 'nats'], description: 'webhook: HTTP POST to `url` (Standard Webhooks); nats: NATS JetStream publish to `<subject>.<eventType>`' })
  @Field('sinkType', (v) => (v === 'webhook' || v === 'nats' ? null : 'must be one of webhook, nats'))
  type: 'webhook' | 'nats';

  @ApiPropertyOptional({ description: 'webhook only: an absolute http(s) URL (a host of WEBHOOK_ALLOWED_HOSTS when set)', example: 'https://warehouse.example.com/hooks/orders' })
  @ValidateIf((o: SinkDto) => o.type === 'webhook')
  @Field('webhookUrl', (v) => (typeof v === 'string' && v.length <= 2048 ? null : 'must be a URL of at most 2048 characters'))
  url?: string;

  @ApiPropertyOptional({ description: 'nats only: the subject prefix (tokens of letters, digits, "_" or "-", dot-separated; no wildcards)', example: 'orders' })
  @ValidateIf((o: SinkDto) => o.type === 'nats')
  @Field('natsSubject', (v) => (typeof v === 'string' && v.length <= 200 && SUBJECT.test(v) ? null : 'must be dot-separated tokens of letters, digits, "_" or "-"'))
  subject?: string;
}

const startFromProblem: Check = (v) => {
  if (v === 'now' || v === 'beginning') return null;
  if (isRecord(v) && Object.keys(v).length === 1) {
    if ('position' in v) return positionProblem(v.position) && `position ${positionProblem(v.position)}`;
    if ('time' in v) return instantProblem(v.time) && `time ${instantProblem(v.time)}`;
  }
  return 'must be "now", "beginning", { "position": <position> } or { "time": <ISO 8601 date-time> }';
};

const eventTypesProblem: Check = (v) => {
  if (!Array.isArray(v) || v.length === 0) return 'must be a non-empty list of event types';
  const unknown = v.filter((t) => typeof t !== 'string' || !(ORDER_EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length) return `must hold only order event types (${ORDER_EVENT_TYPES.join(', ')}); unknown: ${unknown.map(String).join(', ')}`;
  return new Set(v).size === v.length ? null : 'must not name a type twice';
};

export class CreateSubscriptionDto {
  @ApiProperty({ description: 'Your name for it (1 to 64 letters, digits, "_", "." or "-")', example: 'warehouse-eu', pattern: ID_PATTERN.source })
  @Field('subscriptionId', idProblem)
  subscriptionId: string;

  @ApiProperty({ type: SinkDto })
  @Field('sink', () => null)
  @ValidateNested()
  @Type(() => SinkDto)
  sink: SinkDto;

  @ApiPropertyOptional({ type: [String], enum: ORDER_EVENT_TYPES, description: 'Only these event types (default: all)', example: ['PaymentConfirmed', 'ShipmentDispatched'] })
  @Field('eventTypes', eventTypesProblem, false)
  eventTypes?: string[];

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Send personal values (e-mail, name, address, free text) in clear; otherwise they read "[withheld]"' })
  @Field('personalData', (v) => (typeof v === 'boolean' ? null : 'must be a boolean'), false)
  personalData?: boolean;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'string', enum: ['now', 'beginning'] },
      { type: 'object', properties: { position: { type: 'string' } }, required: ['position'], additionalProperties: false },
      { type: 'object', properties: { time: { type: 'string', format: 'date-time' } }, required: ['time'], additionalProperties: false },
    ],
    description: 'Where delivery starts: "now" (default: events after the creation), "beginning" (the whole log), a position (that event included) or a time (events that occurred at or after it)',
    example: 'now',
  })
  @Field('startFrom', startFromProblem, false)
  startFrom?: 'now' | 'beginning' | { position: string } | { time: string };
}

export class SubscriptionIdParams {
  @ApiProperty({ example: 'warehouse-eu', pattern: ID_PATTERN.source })
  @Field('subscriptionId', idProblem)
  id: string;
}

export class ReplayDto {
  @ApiPropertyOptional({ description: 'Deliver again every event from this position on (that event included)', example: '00000000000000000812-00000000000000001042' })
  @Field('fromPosition', positionProblem, false)
  fromPosition?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Deliver again every event that occurred at or after this time', example: '2026-03-01T00:00:00Z' })
  @Field('fromTime', instantProblem, false)
  fromTime?: string;

  @ApiPropertyOptional({ description: "Deliver again this order's events (all of them)", example: 'o-1001', pattern: ID_PATTERN.source })
  @Field('orderId', idProblem, false)
  orderId?: string;
}

export const DELIVERY_STATES = ['delivered', 'retry', 'dead', 'paused'] as const;

export class DeliveriesQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATES, description: 'Only attempts with this outcome' })
  @Field('state', (v) => ((DELIVERY_STATES as readonly unknown[]).includes(v) ? null : `must be one of ${DELIVERY_STATES.join(', ')}`), false)
  state?: (typeof DELIVERY_STATES)[number];

  @ApiPropertyOptional({ description: "Only this order's attempts", pattern: ID_PATTERN.source })
  @Field('orderId', idProblem, false)
  orderId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @Field('limit', (v) => (typeof v === 'string' && /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 200 ? null : 'must be a whole number from 1 to 200'), false)
  limit?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @Field('cursor', (v) => (typeof v === 'string' && /^\d{1,18}$/.test(v) ? null : 'must be a nextCursor of a previous page'), false)
  cursor?: string;
}

export class SinkViewDto {
  @ApiProperty({ enum: ['webhook', 'nats', 'email'], description: 'email: the system subscription sending customers\' emails (docs/notifications.md), never made through this API' })
  type: 'webhook' | 'nats' | 'email';
  @ApiPropertyOptional({ example: 'https://warehouse.example.com/hooks/orders' }) url?: string;
  @ApiPropertyOptional({ example: 'orders' }) subject?: string;
}

export class DeliveryDto {
  @ApiProperty({ description: 'Id of this attempt (also the cursor of the pages)', example: '1042' }) deliveryId: string;
  @ApiProperty({ format: 'uuid', description: 'The event id (the CloudEvent id and webhook-id)' }) eventId: string;
  @ApiProperty({ example: 'o-1001' }) orderId: string;
  @ApiProperty({ example: 'PaymentConfirmed' }) eventType: string;
  @ApiProperty({ description: "The event's position in the log" }) position: string;
  @ApiProperty({ type: 'integer', description: '1 for the first attempt', example: 1 }) attempt: number;
  @ApiProperty({ format: 'date-time' }) attemptedAt: string;
  @ApiProperty({ enum: DELIVERY_STATES, description: 'delivered; retry (tried again later); dead (no retry left, or refused for good); paused (410: the subscription was paused)' })
  state: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'HTTP status (webhooks), null when no answer came', example: 200 }) statusCode: number | null;
  @ApiProperty({ type: 'integer', example: 12 }) durationMs: number;
  @ApiProperty({ type: String, nullable: true, description: 'The first 1 KiB of the answer' }) response: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'timed out after 10000 ms' }) error: string | null;
}

export class LagDto {
  @ApiProperty({ type: 'integer', description: 'Events not yet delivered: queued, plus those in the log not yet read', example: 0 }) events: number;
  @ApiProperty({ type: 'integer', description: 'Age of the oldest undelivered event (0 when none waits)', example: 0 }) seconds: number;
}

export class SubscriptionDto {
  @ApiProperty({ example: 'warehouse-eu' }) subscriptionId: string;
  @ApiProperty({ type: SinkViewDto }) sink: SinkViewDto;
  @ApiProperty({ type: [String], nullable: true, description: 'null: every event type' }) eventTypes: string[] | null;
  @ApiProperty() personalData: boolean;
  @ApiProperty({ enum: ['active', 'paused', 'failing'], description: 'failing: dead letters wait (see deliveries?state=dead); they are tried again on resume or replay' })
  state: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: LagDto }) lag: LagDto;
  @ApiProperty({ type: 'integer', description: 'Events delivered' }) delivered: number;
  @ApiProperty({ type: 'integer', description: 'Attempts that failed' }) failed: number;
  @ApiProperty({ type: 'integer', description: 'Dead letters waiting now' }) dead: number;
  @ApiProperty({ type: DeliveryDto, nullable: true, description: 'The latest attempt' }) lastDelivery: DeliveryDto | null;
}

export class CreatedSubscriptionDto extends SubscriptionDto {
  @ApiPropertyOptional({ description: 'webhook only: the signing secret (Standard Webhooks). Shown only in this answer and by rotate-secret.', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret?: string;
}

export class RotatedSecretDto {
  @ApiProperty({ example: 'warehouse-eu' }) subscriptionId: string;
  @ApiProperty({ description: 'The new secret; the previous one keeps signing alongside it until previousSecretExpiresAt', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) previousSecretExpiresAt: string | null;
}

export class SubscriptionListDto {
  @ApiProperty({ type: [SubscriptionDto] }) items: SubscriptionDto[];
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items: DeliveryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next (older) page; null at the end' }) nextCursor: string | null;
}

export class ReplayAcceptedDto {
  @ApiProperty({ example: 'warehouse-eu' }) subscriptionId: string;
  @ApiProperty({ description: 'What is delivered again', example: { fromPosition: '00000000000000000812-00000000000000001042' } }) replay: Record<string, string>;
}

