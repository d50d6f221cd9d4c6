import type { Pool } from 'pg';
import { inTransaction } from '../runtime/transaction';
import { nextRetryDelay } from './retry-schedule';
import type { AttemptResult } from './sinks/sink';
import type { DeliveryRecord, PendingEvent } from './subscription-store';

export interface FinishedAttempt {
  subscriptionId: string;
  pending: PendingEvent;
  result: AttemptResult;
  now: Date;
}

type Outcome = DeliveryRecord['outcome'];

/** delivered, paused (410), a retry after the schedule's next delay (or Retry-After), else dead. */
function outcomeOf({ pending, result }: FinishedAttempt): { outcome: Outcome; delay: number | null } {
  const delay = result.outcome === 'retry' ? nextRetryDelay(pending.attempts + 1, result.retryAfterMs) : null;
  const outcome: Outcome = result.outcome === 'delivered' ? 'delivered' : result.outcome === 'gone' ? 'paused' : delay === null ? 'dead' : 'retry';
  return { outcome, delay };
}

/**
 * What attempts change, in one transaction with their records in outbound.deliveries:
 * delivered → the event leaves its order's queue (the next one becomes the head);
 * retry → due again after the schedule's next delay (or Retry-After);
 * no retry left, or refused for good → a dead letter (holds its order's queue; state failing);
 * 410 Gone → the subscription is paused, the event stays at the head.
 * Many attempts finish together under load, and recording them one transaction each cost more
 * than the attempts (every one also updates its subscription's counters, one row, so they
 * queued on its lock): AttemptRecorder hands them here in batches, a few statements for all.
 * Committed asynchronously, like projection batches: what a PostgreSQL crash can lose is the
 * latest records whole, and losing one only means the event is attempted again (at least once).
 */
export async function recordAttempts(pool: Pool, attempts: readonly FinishedAttempt[]): Promise<Outcome[]> {
  const decided = attempts.map((a) => ({ ...a, ...outcomeOf(a) }));
  if (!decided.length) return [];
  await inTransaction(pool, async (client) => {
    // The records first: the subscription rows, which every attempt updates, are then locked
    // only from their UPDATE to the COMMIT.
    await client.query(
      `INSERT INTO outbound.deliveries (subscription_id, event_id, order_id, event_type, position, attempt, attempted_at, outcome, status_code, duration_ms, response, error)
       SELECT x.* FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::timestamptz[], $8::text[], $9::int[], $10::int[], $11::text[], $12::text[])
              AS x(subscription_id, event_id, order_id, event_type, position, attempt, attempted_at, outcome, status_code, duration_ms, response, error)
        WHERE EXISTS (SELECT 1 FROM outbound.subscriptions s WHERE s.subscription_id = x.subscription_id)`,
      [
        decided.map((d) => d.subscriptionId), decided.map((d) => d.pending.eventId), decided.map((d) => d.pending.orderId),
        decided.map((d) => d.pending.eventType), decided.map((d) => d.pending.position), decided.map((d) => d.pending.attempts + 1),
        decided.map((d) => d.now), decided.map((d) => d.outcome), decided.map((d) => d.result.statusCode ?? null),
        decided.map((d) => d.result.durationMs), decided.map((d) => d.result.response ?? null), decided.map((d) => d.result.error ?? null),
      ],
    );
    const delivered = decided.filter((d) => d.outcome === 'delivered');
    if (delivered.length) await client.query('DELETE FROM outbound.pending WHERE seq = ANY($1::bigint[])', [delivered.map((d) => d.pending.seq)]);
    const again = decided.filter((d) => d.outcome === 'retry' || d.outcome === 'dead');
    if (again.length) {
      await client.query(
        `UPDATE outbound.pending p SET attempts = x.attempts, dead = x.dead, next_attempt_at = x.next_attempt_at
           FROM unnest($1::bigint[], $2::int[], $3::boolean[], $4::timestamptz[]) AS x(seq, attempts, dead, next_attempt_at)
          WHERE p.seq = x.seq`,
        [again.map((d) => d.pending.seq), again.map((d) => d.pending.attempts + 1), again.map((d) => d.delay === null), again.map((d) => new Date(d.now.getTime() + (d.delay ?? 0)))],
      );
    }
    // One counter update per subscription, in a fixed order (no deadlock between two recorders).
    const counts = new Map<string, { delivered: number; failed: number; dead: number; pause: boolean }>();
    for (const d of decided) {
      const c = counts.get(d.subscriptionId) ?? { delivered: 0, failed: 0, dead: 0, pause: false };
      if (d.outcome === 'delivered') c.delivered += 1;
      else c.failed += 1;
      if (d.outcome === 'dead') c.dead += 1;
      if (d.outcome === 'paused') c.pause = true;
      counts.set(d.subscriptionId, c);
    }
    const ids = [...counts.keys()].sort();
    await client.query(
      `UPDATE outbound.subscriptions s
          SET delivered = s.delivered + x.delivered, failed = s.failed + x.failed, dead = s.dead + x.dead, paused = s.paused OR x.pause
         FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::boolean[]) AS x(subscription_id, delivered, failed, dead, pause)
        WHERE s.subscription_id = x.subscription_id`,
      [ids, ids.map((id) => counts.get(id)!.delivered), ids.map((id) => counts.get(id)!.failed), ids.map((id) => counts.get(id)!.dead), ids.map((id) => counts.get(id)!.pause)],
    );
  }, { asynchronousCommit: true });
  return decided.map((d) => d.outcome);
}

/**
 * Group commit for attempt records: an attempt that finishes while a batch is being written
 * waits for the next one, which takes everything that finished meanwhile. No timer: alone, an
 * attempt is recorded at once; under load, batches grow by themselves.
 */
export class AttemptRecorder {
  private waiting: Array<{ attempt: FinishedAttempt; resolve: (o: Outcome) => void; reject: (e: unknown) => void }> = [];
  private writing = false;

  constructor(private readonly pool: Pool, private readonly maxBatch = 500) {}

  record(attempt: FinishedAttempt): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ attempt, resolve, reject });
      if (!this.writing) void this.writeBatches();
    });
  }

  private async writeBatches(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          const outcomes = await recordAttempts(this.pool, batch.map((b) => b.attempt));
          batch.forEach((b, i) => b.resolve(outcomes[i]));
        } catch (error) {
          batch.forEach((b) => b.reject(error));
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
