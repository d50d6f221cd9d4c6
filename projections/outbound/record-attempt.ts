import type { Pool } from 'pg';
import { inTransaction } from '../runtime/transaction';
import { nextRetryDelay } from './retry-schedule';
import type { AttemptResult } from './sinks/sink';
import type { DeliveryRecord, PendingEvent } from './subscription-store';

/**
 * What an attempt changes, in one transaction with its record in outbound.deliveries:
 * delivered → the event leaves its order's queue (the next one becomes the head);
 * retry → due again after the schedule's next delay (or Retry-After);
 * no retry left, or refused for good → a dead letter (holds its order's queue; state failing);
 * 410 Gone → the subscription is paused, the event stays at the head.
 * Committed asynchronously, like projection batches: what a PostgreSQL crash can lose is the
 * latest records whole, and losing one only means the event is attempted again (at least once).
 */
export async function recordAttempt(pool: Pool, subscriptionId: string, pending: PendingEvent, result: AttemptResult, now: Date): Promise<DeliveryRecord['outcome']> {
  const attempt = pending.attempts + 1;
  const delay = result.outcome === 'retry' ? nextRetryDelay(attempt, result.retryAfterMs) : null;
  const outcome: DeliveryRecord['outcome'] =
    result.outcome === 'delivered' ? 'delivered' : result.outcome === 'gone' ? 'paused' : delay === null ? 'dead' : 'retry';
  return inTransaction(pool, async (client) => {
    // The attempt's record first: the subscription row, which every attempt of the subscription
    // updates, is then locked only from its UPDATE to the COMMIT.
    await client.query(
      `INSERT INTO outbound.deliveries (subscription_id, event_id, order_id, event_type, position, attempt, attempted_at, outcome, status_code, duration_ms, response, error)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 WHERE EXISTS (SELECT 1 FROM outbound.subscriptions WHERE subscription_id = $1)`,
      [subscriptionId, pending.eventId, pending.orderId, pending.eventType, pending.position, attempt, now, outcome, result.statusCode ?? null, result.durationMs, result.response ?? null, result.error ?? null],
    );
    if (outcome === 'delivered') {
      await client.query('DELETE FROM outbound.pending WHERE seq = $1', [pending.seq]);
      await client.query('UPDATE outbound.subscriptions SET delivered = delivered + 1 WHERE subscription_id = $1', [subscriptionId]);
    } else if (outcome === 'paused') {
      await client.query('UPDATE outbound.subscriptions SET paused = true, failed = failed + 1 WHERE subscription_id = $1', [subscriptionId]);
    } else {
      await client.query('UPDATE outbound.pending SET attempts = $2, dead = $3, next_attempt_at = $4 WHERE seq = $1', [
        pending.seq, attempt, delay === null, new Date(now.getTime() + (delay ?? 0)),
      ]);
      await client.query(`UPDATE outbound.subscriptions SET failed = failed + 1, dead = dead + $2 WHERE subscription_id = $1`, [subscriptionId, delay === null ? 1 : 0]);
    }
    return outcome;
  }, { asynchronousCommit: true });
}
