/** What a subscription is, as stored in outbound.subscriptions and shown by the API. */
/** `email`: the system subscription that sends customers' emails and staff alerts (docs/notifications.md); never made through the API. */
export type Sink = { type: 'webhook'; url: string } | { type: 'nats'; subject: string } | { type: 'email' };

export type SubscriptionState = 'active' | 'paused' | 'failing';

/**
 * Where reading the log starts, or restarts on a replay: events before this point are passed
 * over. `position` is inclusive (the event at that position is delivered); `time` compares with
 * the event's occurredAt.
 */
export type SkipBefore = { position: string } | { time: string };

export interface StoredSecret {
  /** Id bound into the wrapping (authenticated), so a wrapped secret cannot be moved to another row. */
  keyId: string;
  /** The 32 secret bytes, AES-256-GCM-wrapped with the master key (base64). */
  wrapped: string;
  /** Set on the previous secret by a rotation: it keeps signing until then. */
  expiresAt: string | null;
}

export interface Subscription {
  subscriptionId: string;
  sink: Sink;
  /** null: every event type. */
  eventTypes: string[] | null;
  personalData: boolean;
  paused: boolean;
  /** The log position of the last event read into the per-order queues (null: none yet). */
  position: string | null;
  skipBefore: SkipBefore | null;
  secrets: StoredSecret[];
  createdAt: Date;
}

export const ORDER_SOURCE = '/order-management';
