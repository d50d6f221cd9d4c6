import type { CloudEvent } from '../cloud-event';
import type { Subscription } from '../subscription';

/** What one attempt came to; the dispatcher turns it into delivered, a retry, a dead letter or a pause. */
export type AttemptOutcome =
  /** Taken (2xx, or the broker's acknowledgement). */
  | 'delivered'
  /** Worth trying again later (timeout, network error, 5xx, 429, broker unavailable). */
  | 'retry'
  /** Refused for good (a 4xx other than 410 and 429, a redirect): a dead letter at once. */
  | 'rejected'
  /** 410 Gone: the receiver asks us to stop; the subscription is paused. */
  | 'gone';

export interface AttemptResult {
  outcome: AttemptOutcome;
  durationMs: number;
  statusCode?: number;
  /** The first 1 KiB of the answer. */
  response?: string;
  error?: string;
  retryAfterMs?: number;
}

export interface Attempt {
  subscription: Subscription;
  event: CloudEvent;
  /** The JSON body, serialised once (what is signed is exactly what is sent). */
  body: string;
  now: Date;
}

/**
 * One kind of destination. A new broker (Kafka, RabbitMQ) is one more class: publish the body,
 * keyed by `event.subject` (the order) so the broker keeps per-order order, with `event.id` as
 * the deduplication key where the broker has one.
 */
export interface SinkDriver {
  deliver(attempt: Attempt): Promise<AttemptResult>;
  close?(): Promise<void>;
  /** Attempts in flight at most for a subscription of this sink, when fewer than the runtime's (an SMTP server is not a webhook endpoint). */
  readonly maxInFlight?: number;
}

export const MAX_RESPONSE_BYTES = 1024;
