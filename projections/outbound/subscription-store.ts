import type { Pool, PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { orderIdFromStream } from '@app/event-store';
import { occurredAt } from './cloud-event';
import type { SkipBefore, Sink, StoredSecret, Subscription, SubscriptionState } from './subscription';

interface SubscriptionRow {
  subscription_id: string;
  sink: Sink;
  event_types: string[] | null;
  personal_data: boolean;
  paused: boolean;
  position: string | null;
  skip_before: SkipBefore | null;
  secrets: StoredSecret[];
  created_at: Date;
}

export interface SubscriptionTotals {
  state: SubscriptionState;
  delivered: number;
  failed: number;
  dead: number;
  pending: number;
  oldestPendingAt: Date | null;
  lastDelivery: DeliveryRecord | null;
}

export interface DeliveryRecord {
  deliveryId: string;
  eventId: string;
  orderId: string;
  eventType: string;
  position: string;
  attempt: number;
  attemptedAt: Date;
  outcome: 'delivered' | 'retry' | 'dead' | 'paused';
  statusCode: number | null;
  durationMs: number;
  response: string | null;
  error: string | null;
}

export class SubscriptionExistsError extends Error {
  readonly code = 'subscription_exists';
}

const COLUMNS = 'subscription_id, sink, event_types, personal_data, paused, position, skip_before, secrets, created_at';

/** The SQL of outbound.subscriptions, pending and deliveries, shared by the API and the delivery runtime. */
export class SubscriptionStore {
  constructor(private readonly pool: Pool) {}

  async create(subscription: Subscription): Promise<void> {
    const s = subscription;
    try {
      await this.pool.query(
        `INSERT INTO outbound.subscriptions (${COLUMNS}) VALUES ($1, $2, $3, $4, false, $5, $6, $7, $8)`,
        [s.subscriptionId, JSON.stringify(s.sink), s.eventTypes, s.personalData, s.position, s.skipBefore && JSON.stringify(s.skipBefore), JSON.stringify(s.secrets), s.createdAt],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new SubscriptionExistsError(`A subscription ${s.subscriptionId} exists already.`);
      throw error;
    }
  }

  async all(): Promise<Subscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM outbound.subscriptions ORDER BY subscription_id`);
    return rows.map(fromRow);
  }

  async find(subscriptionId: string): Promise<Subscription | null> {
    const { rows } = await this.pool.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM outbound.subscriptions WHERE subscription_id = $1`, [subscriptionId]);
    return rows.length ? fromRow(rows[0]) : null;
  }

  /** False when there is no such subscription. */
  async setPaused(subscriptionId: string, paused: boolean): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE outbound.subscriptions SET paused = $2 WHERE subscription_id = $1', [subscriptionId, paused]);
    return rowCount === 1;
  }

  /** Dead letters are tried again from their first attempt, now (resume, replay). */
  async rearmDeadLetters(client: Pool | PoolClient, subscriptionId: string, now: Date): Promise<void> {
    await client.query('UPDATE outbound.pending SET dead = false, attempts = 0, next_attempt_at = $2 WHERE subscription_id = $1 AND dead', [subscriptionId, now]);
  }

  /** The event types a system subscription reads, as this release lists them (the email subscription, docs/notifications.md). */
  async setEventTypes(subscriptionId: string, eventTypes: string[]): Promise<void> {
    await this.pool.query('UPDATE outbound.subscriptions SET event_types = $2 WHERE subscription_id = $1', [subscriptionId, eventTypes]);
  }

  async setSecrets(subscriptionId: string, secrets: StoredSecret[]): Promise<void> {
    await this.pool.query('UPDATE outbound.subscriptions SET secrets = $2 WHERE subscription_id = $1', [subscriptionId, JSON.stringify(secrets)]);
  }

  async delete(subscriptionId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM outbound.subscriptions WHERE subscription_id = $1', [subscriptionId]);
    return rowCount === 1;
  }

  /** Read the log again from its start, passing over what lies before `skipBefore`. */
  async rewind(client: Pool | PoolClient, subscriptionId: string, skipBefore: SkipBefore | null): Promise<void> {
    await client.query('UPDATE outbound.subscriptions SET position = NULL, skip_before = $2 WHERE subscription_id = $1', [subscriptionId, skipBefore && JSON.stringify(skipBefore)]);
  }

  /**
   * Adds events at the end of their orders' queues and moves the read position, in the caller's
   * transaction, only if the position is still `from` (a replay may have moved it meanwhile:
   * then nothing is written and false is answered).
   */
  async enqueue(client: PoolClient, subscriptionId: string, from: string | null, to: string | null, skipBefore: SkipBefore | null, events: RecordedEvent[], now: Date): Promise<boolean> {
    const { rowCount } = await client.query(
      'UPDATE outbound.subscriptions SET position = $3, skip_before = $4 WHERE subscription_id = $1 AND position IS NOT DISTINCT FROM $2',
      [subscriptionId, from, to, skipBefore && JSON.stringify(skipBefore)],
    );
    if (rowCount !== 1) return false;
    await this.insertPending(client, subscriptionId, events, now);
    return true;
  }

  async insertPending(client: Pool | PoolClient, subscriptionId: string, events: RecordedEvent[], now: Date): Promise<void> {
    if (!events.length) return;
    await client.query(
      `INSERT INTO outbound.pending (subscription_id, order_id, stream_id, revision, event_id, event_type, position, occurred_at, next_attempt_at)
       SELECT $1, o, s, r, e, t, p, a, $9 FROM unnest($2::text[], $3::text[], $4::bigint[], $5::uuid[], $6::text[], $7::text[], $8::timestamptz[]) AS x(o, s, r, e, t, p, a)`,
      [
        subscriptionId,
        events.map((e) => orderIdFromStream(e.streamId)),
        events.map((e) => e.streamId),
        events.map((e) => e.revision),
        events.map((e) => e.eventId),
        events.map((e) => e.type),
        events.map((e) => e.position),
        events.map(occurredAt),
        now,
      ],
    );
  }

  async pendingCount(subscriptionId: string, atMost: number): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM (SELECT 1 FROM outbound.pending WHERE subscription_id = $1 LIMIT $2) p',
      [subscriptionId, atMost],
    );
    return rows[0].n;
  }

  /**
   * The head of each order's queue that is due at `now`, oldest first: an order's later events
   * wait behind its head (delivered, or dead and re-armed), other orders are not held back.
   * Nothing while the subscription is paused (read here, not from a snapshot: a 410 pauses it
   * between two looks).
   * Walked in queue order and stopped at `limit` heads, each row's "no earlier row of its order"
   * an index probe: the cost follows what is taken, not the queue's length (picking every
   * order's head first read the whole queue, 20,000 rows during a catch-up, on every look).
   */
  async dueHeads(subscriptionId: string, now: Date, exclude: readonly string[], limit: number): Promise<PendingEvent[]> {
    const { rows } = await this.pool.query<PendingRow>(
      `SELECT p.seq::text, p.order_id, p.stream_id, p.revision::int, p.event_id, p.event_type, p.position, p.attempts
         FROM outbound.pending p
        WHERE p.subscription_id = $1 AND NOT p.dead AND p.next_attempt_at <= $2 AND NOT (p.seq = ANY($3::bigint[]))
          AND NOT EXISTS (SELECT 1 FROM outbound.pending earlier
                           WHERE earlier.subscription_id = $1 AND earlier.order_id = p.order_id AND earlier.seq < p.seq)
          AND EXISTS (SELECT 1 FROM outbound.subscriptions s WHERE s.subscription_id = $1 AND NOT s.paused)
        ORDER BY p.seq LIMIT $4`,
      [subscriptionId, now, exclude, limit],
    );
    return rows.map((r) => ({ seq: r.seq, orderId: r.order_id, streamId: r.stream_id, revision: r.revision, eventId: r.event_id, eventType: r.event_type, position: r.position, attempts: r.attempts }));
  }

  /** When the next pending event of this subscription falls due (null: none waits). */
  async nextDue(subscriptionId: string): Promise<Date | null> {
    const { rows } = await this.pool.query<{ at: Date | null }>('SELECT min(next_attempt_at) AS at FROM outbound.pending WHERE subscription_id = $1 AND NOT dead', [subscriptionId]);
    return rows[0].at;
  }

  async totals(subscriptionId: string): Promise<SubscriptionTotals> {
    const { rows } = await this.pool.query<{ paused: boolean; delivered: string; failed: string; dead_now: number; pending: number; oldest: Date | null }>(
      `SELECT s.paused, s.delivered, s.failed,
              (SELECT count(*)::int FROM outbound.pending p WHERE p.subscription_id = s.subscription_id AND p.dead) AS dead_now,
              (SELECT count(*)::int FROM outbound.pending p WHERE p.subscription_id = s.subscription_id) AS pending,
              (SELECT min(occurred_at) FROM outbound.pending p WHERE p.subscription_id = s.subscription_id) AS oldest
         FROM outbound.subscriptions s WHERE s.subscription_id = $1`,
      [subscriptionId],
    );
    const row = rows[0];
    const [lastDelivery] = await this.deliveries(subscriptionId, { limit: 1 });
    return {
      state: row.paused ? 'paused' : row.dead_now > 0 ? 'failing' : 'active',
      delivered: Number(row.delivered),
      failed: Number(row.failed),
      dead: row.dead_now,
      pending: row.pending,
      oldestPendingAt: row.oldest,
      lastDelivery: lastDelivery ?? null,
    };
  }

  /** Subscriptions holding dead letters (state failing, unless paused). */
  async failing(): Promise<string[]> {
    const { rows } = await this.pool.query<{ subscription_id: string }>(
      `SELECT subscription_id FROM outbound.subscriptions s
        WHERE NOT paused AND EXISTS (SELECT 1 FROM outbound.pending p WHERE p.subscription_id = s.subscription_id AND p.dead)
        ORDER BY subscription_id`,
    );
    return rows.map((r) => r.subscription_id);
  }

  /**
   * Newest first; `before`: a delivery id (the cursor) to continue after. The ORDER BY names the
   * table's column: a bare `delivery_id` would be the text selected under that name (10 before 9).
   */
  async deliveries(subscriptionId: string, filter: { outcome?: string; orderId?: string; before?: string; limit: number }): Promise<DeliveryRecord[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT delivery_id::text, event_id, order_id, event_type, position, attempt, attempted_at, outcome, status_code, duration_ms, response, error
         FROM outbound.deliveries d
        WHERE subscription_id = $1 AND ($2::text IS NULL OR outcome = $2) AND ($3::text IS NULL OR order_id = $3) AND ($4::bigint IS NULL OR d.delivery_id < $4)
        ORDER BY d.delivery_id DESC LIMIT $5`,
      [subscriptionId, filter.outcome ?? null, filter.orderId ?? null, filter.before ?? null, filter.limit],
    );
    return rows.map((r) => ({
      deliveryId: r.delivery_id, eventId: r.event_id, orderId: r.order_id, eventType: r.event_type, position: r.position, attempt: r.attempt,
      attemptedAt: r.attempted_at, outcome: r.outcome, statusCode: r.status_code, durationMs: r.duration_ms, response: r.response, error: r.error,
    }));
  }
}

export interface PendingEvent {
  seq: string;
  orderId: string;
  streamId: string;
  revision: number;
  eventId: string;
  eventType: string;
  position: string;
  attempts: number;
}

interface PendingRow {
  seq: string; order_id: string; stream_id: string; revision: number; event_id: string; event_type: string; position: string; attempts: number;
}

interface DeliveryRow {
  delivery_id: string; event_id: string; order_id: string; event_type: string; position: string; attempt: number; attempted_at: Date;
  outcome: DeliveryRecord['outcome']; status_code: number | null; duration_ms: number; response: string | null; error: string | null;
}

function fromRow(row: SubscriptionRow): Subscription {
  return {
    subscriptionId: row.subscription_id,
    sink: row.sink,
    eventTypes: row.event_types,
    personalData: row.personal_data,
    paused: row.paused,
    position: row.position,
    skipBefore: row.skip_before,
    secrets: row.secrets,
    createdAt: row.created_at,
  };
}
