import type { Pool } from 'pg';
import type { Audience, NotificationKind } from './email-content';

export type NotificationState = 'sent' | 'pending' | 'failed';

export interface NotificationKey {
  eventId: string;
  kind: NotificationKind;
  audience: Audience;
}

export interface NotificationRecord {
  eventId: string;
  eventType: string;
  kind: NotificationKind;
  audience: Audience;
  /** Masked (j***@example.com). */
  recipient: string;
  state: NotificationState;
  attempts: number;
  firstAttemptAt: Date;
  lastAttemptAt: Date;
  sentAt: Date | null;
  error: string | null;
}

/** The SQL of outbound.notifications (docs/notifications.md). */
export class NotificationStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Counts an attempt on one email and answers its state: `sent` means a previous attempt got
   * it accepted and `failed` that it was refused for good: either way it does not go again. The row is made on the first attempt.
   */
  async begin(key: NotificationKey, row: { orderId: string; eventType: string; recipient: string; messageId: string }, now: Date): Promise<NotificationState> {
    const { rows } = await this.pool.query<{ state: NotificationState }>(
      `INSERT INTO outbound.notifications AS n (event_id, kind, audience, order_id, event_type, recipient, message_id, state, attempts, first_attempt_at, last_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 1, $8, $8)
       ON CONFLICT (event_id, kind, audience) DO UPDATE
         SET attempts = n.attempts + CASE WHEN n.state = 'sent' THEN 0 ELSE 1 END,
             last_attempt_at = CASE WHEN n.state = 'sent' THEN n.last_attempt_at ELSE EXCLUDED.last_attempt_at END
       RETURNING n.state`,
      [key.eventId, key.kind, key.audience, row.orderId, row.eventType, row.recipient, row.messageId, now],
    );
    return rows[0].state;
  }

  async sent(key: NotificationKey, now: Date): Promise<void> {
    await this.pool.query(
      `UPDATE outbound.notifications SET state = 'sent', sent_at = $4, error = NULL WHERE event_id = $1 AND kind = $2 AND audience = $3`,
      [key.eventId, key.kind, key.audience, now],
    );
  }

  /** `failed`: refused for good (the recipient's address); otherwise still pending, tried again. */
  async failed(key: NotificationKey, error: string, permanent: boolean): Promise<void> {
    await this.pool.query(
      `UPDATE outbound.notifications SET error = $4, state = CASE WHEN $5 THEN 'failed' ELSE state END WHERE event_id = $1 AND kind = $2 AND audience = $3`,
      [key.eventId, key.kind, key.audience, error, permanent],
    );
  }

  /**
   * What was sent or is pending for an order, in the order of first attempts (an order's events
   * are attempted one after another, so this is the order's own order). An email whose event became a dead
   * letter of the email subscription (its retries ran out) is `failed` until a resume or a replay.
   */
  async forOrder(orderId: string, subscriptionId: string): Promise<NotificationRecord[]> {
    const { rows } = await this.pool.query<{
      event_id: string; event_type: string; kind: NotificationKind; audience: Audience; recipient: string; state: NotificationState; dead: boolean;
      attempts: number; first_attempt_at: Date; last_attempt_at: Date; sent_at: Date | null; error: string | null;
    }>(
      `SELECT n.event_id, n.event_type, n.kind, n.audience, n.recipient, n.state, n.attempts, n.first_attempt_at, n.last_attempt_at, n.sent_at, n.error,
              EXISTS (SELECT 1 FROM outbound.pending p WHERE p.subscription_id = $2 AND p.event_id = n.event_id AND p.dead) AS dead
         FROM outbound.notifications n WHERE n.order_id = $1
        ORDER BY n.notification_id`,
      [orderId, subscriptionId],
    );
    return rows.map((r) => ({
      eventId: r.event_id, eventType: r.event_type, kind: r.kind, audience: r.audience, recipient: r.recipient,
      state: r.state === 'pending' && r.dead ? 'failed' : r.state,
      attempts: r.attempts, firstAttemptAt: r.first_attempt_at, lastAttemptAt: r.last_attempt_at, sentAt: r.sent_at, error: r.error,
    }));
  }
}
