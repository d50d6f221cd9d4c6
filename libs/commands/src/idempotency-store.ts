import type { Pool } from 'pg';

export interface IdempotencyRecord<T> {
  requestHash: string;
  response: T;
}

/** How long a key answers with its first answer (docs/http-api.md "Writes": 24 hours). */
export const IDEMPOTENCY_TTL_HOURS = 24;

/**
 * First answers by (Idempotency-Key, path). This table is a cache: the events themselves carry
 * deterministic ids, so a retry after a crash between append and answer is still recognised
 * from the stream even if the record was never written.
 */
export class IdempotencyStore {
  constructor(private readonly pool: Pool) {}

  async find<T>(key: string, path: string, now: Date): Promise<IdempotencyRecord<T> | null> {
    const { rows } = await this.pool.query<{ request_hash: string; response: T }>(
      `SELECT request_hash, response FROM idempotency_records
        WHERE idempotency_key = $1 AND path = $2 AND created_at > $3::timestamptz - make_interval(hours => $4)`,
      [key, path, now.toISOString(), IDEMPOTENCY_TTL_HOURS],
    );
    return rows[0] ? { requestHash: rows[0].request_hash, response: rows[0].response } : null;
  }

  async save<T>(key: string, path: string, requestHash: string, response: T, now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO idempotency_records (idempotency_key, path, request_hash, response, created_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (idempotency_key, path) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response = EXCLUDED.response, created_at = EXCLUDED.created_at
         WHERE idempotency_records.created_at <= EXCLUDED.created_at - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`,
      [key, path, requestHash, JSON.stringify(response), now.toISOString()],
    );
  }

  async prune(now: Date): Promise<number> {
    const result = await this.pool.query(
      `DELETE FROM idempotency_records WHERE created_at < $1::timestamptz - make_interval(hours => $2)`,
      [now.toISOString(), IDEMPOTENCY_TTL_HOURS],
    );
    return result.rowCount ?? 0;
  }
}
