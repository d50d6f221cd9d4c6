/** What an attacker with write access to PostgreSQL could do to an order's stored history. */
import type { Pool } from 'pg';
import { inTransaction } from '@app/projections/runtime';

const stream = (orderId: string) => `order-${orderId}`;

export function tamper(pool: Pool) {
  return {
    /** Adds a field to the event's data (as a forged amount or address would). */
    changeData: (orderId: string, revision: number) =>
      pool.query(`UPDATE events SET data = data || '{"tampered": true}' WHERE stream_id = $1 AND stream_revision = $2`, [stream(orderId), revision]),
    /** Claims another actor did it. */
    changeMetadata: (orderId: string, revision: number) =>
      pool.query(`UPDATE events SET metadata = jsonb_set(metadata, '{actor}', '{"type":"token","role":"admin","tokenName":"admin-00000000"}') WHERE stream_id = $1 AND stream_revision = $2`, [stream(orderId), revision]),
    remove: (orderId: string, revision: number) =>
      pool.query('DELETE FROM events WHERE stream_id = $1 AND stream_revision = $2', [stream(orderId), revision]),
    /** Swaps two events' places in the stream (in one transaction: revisions are unique). */
    swap(orderId: string, a: number, b: number) {
      return inTransaction(pool, async (client) => {
        const move = (from: number, to: number) =>
          client.query('UPDATE events SET stream_revision = $3 WHERE stream_id = $1 AND stream_revision = $2', [stream(orderId), from, to]);
        await move(a, 1_000_000_000);
        await move(b, a);
        await move(1_000_000_000, b);
      });
    },
  };
}

export async function storedHashes(pool: Pool, orderId: string): Promise<string[]> {
  const { rows } = await pool.query<{ hash: string }>(
    "SELECT metadata->>'hash' AS hash FROM events WHERE stream_id = $1 ORDER BY stream_revision",
    [stream(orderId)],
  );
  return rows.map((r) => r.hash);
}
