import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@app/config';
import { PG_POOL } from '@app/database';
import { orderStream, RAW_EVENT_STORE, type EventStore } from '@app/event-store';
import { ProblemException, problem } from '../http/problem';
import { TRACKING_SECRET, type TrackingSecret } from '@app/projections/customers';
import { isWellFormedToken, sameHash, tokenHash, trackingToken } from '@app/projections/customers';

interface LinkRow {
  rotation: number;
  token_hash: Buffer;
}

/** The `tracking_links` table: creating, answering, rotating and resolving customers' links. */
@Injectable()
export class TrackingLinks {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(TRACKING_SECRET) private readonly secret: TrackingSecret,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * The order's current link, made on first use. Idempotent: a retried POST /orders (or two at
   * once) computes the same token from the stored rotation.
   */
  async ensure(orderId: string): Promise<string> {
    // One round trip on every POST /orders: the new row, or the one already there.
    const first = await this.tokenFor(orderId, 0);
    const firstHash = tokenHash(first);
    let { rows } = await this.pool.query<LinkRow>(
      `WITH inserted AS (
         INSERT INTO tracking_links (order_id, rotation, token_hash, created_at) VALUES ($1, 0, $2, $3)
         ON CONFLICT (order_id) DO NOTHING RETURNING rotation, token_hash)
       SELECT rotation, token_hash FROM inserted
       UNION ALL SELECT rotation, token_hash FROM tracking_links WHERE order_id = $1`,
      [orderId, firstHash, this.clock.now()],
    );
    // Made by a concurrent request after this statement's snapshot: visible to the next one.
    if (!rows.length) ({ rows } = await this.pool.query<LinkRow>('SELECT rotation, token_hash FROM tracking_links WHERE order_id = $1', [orderId]));
    const { rotation, token_hash: stored } = rows[0];
    // Never rotated (the usual case): the token and hash just computed are the link's.
    const token = rotation === 0 ? first : await this.tokenFor(orderId, rotation);
    const hash = rotation === 0 ? firstHash : tokenHash(token);
    // The secret changed since the link was made: the stored hash no longer matches what we can hand out.
    if (!sameHash(stored, hash)) {
      await this.pool.query('UPDATE tracking_links SET token_hash = $2 WHERE order_id = $1 AND rotation = $3', [orderId, hash, rotation]);
    }
    return this.urlOf(token);
  }

  /** For GET /orders/{id}/tracking-link: also makes the link of an order placed before links existed. */
  async linkOf(orderId: string): Promise<string> {
    await this.requireOrder(orderId);
    return this.ensure(orderId);
  }

  /** A new token; the old one stops resolving at once (its hash is overwritten). */
  async rotate(orderId: string): Promise<string> {
    await this.linkOf(orderId);
    for (;;) {
      const { rows } = await this.pool.query<{ rotation: number }>('SELECT rotation FROM tracking_links WHERE order_id = $1', [orderId]);
      const next = rows[0].rotation + 1;
      const token = await this.tokenFor(orderId, next);
      // Compare-and-set on the counter: of two rotations at once, each gets its own new token.
      const updated = await this.pool.query(
        'UPDATE tracking_links SET rotation = $2, token_hash = $3, rotated_at = $4 WHERE order_id = $1 AND rotation = $5',
        [orderId, next, tokenHash(token), this.clock.now(), next - 1],
      );
      if (updated.rowCount === 1) return this.urlOf(token);
    }
  }

  /** The order a token tracks, or null for an unknown, replaced or malformed one. */
  async orderIdOf(token: string): Promise<string | null> {
    if (!isWellFormedToken(token)) return null;
    const hash = tokenHash(token);
    const { rows } = await this.pool.query<{ order_id: string; token_hash: Buffer }>(
      'SELECT order_id, token_hash FROM tracking_links WHERE token_hash = $1', [hash]);
    return rows.length && sameHash(rows[0].token_hash, hash) ? rows[0].order_id : null;
  }

  private async tokenFor(orderId: string, rotation: number): Promise<string> {
    return trackingToken(await this.secret.get(), orderId, rotation);
  }

  private urlOf(token: string): string {
    return `${this.config.tracking.publicBaseUrl}/track/${token}`;
  }

  private async requireOrder(orderId: string): Promise<void> {
    for await (const _event of this.store.readStream(orderStream(orderId), { maxCount: 1 })) return;
    throw new ProblemException(problem(404, 'order_not_found', `Order ${orderId} does not exist.`));
  }
}
