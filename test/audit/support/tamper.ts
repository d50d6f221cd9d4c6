/** What an attacker with write access to PostgreSQL could do to an order's stored history. */
import type { Pool } from 'pg';
import { eventHash } from '@app/audit';
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
    /**
     * Rewrites one event and recomputes the hash chain from it to the head with the project's own
     * eventHash: a history the chain alone still calls valid.
     */
    rewrite(orderId: string, revision: number, change: (event: { data: Row['data']; metadata: Row['metadata'] }) => void) {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<Row>(
          'SELECT stream_revision::int AS revision, type, data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_revision', [stream(orderId)]);
        let previous = rows[0].metadata.prevHash;
        for (const row of rows) {
          if (row.revision === revision) change(row);
          if (row.revision < revision) {
            previous = row.metadata.hash;
            continue;
          }
          row.metadata.prevHash = previous;
          row.metadata.hash = eventHash(row);
          previous = row.metadata.hash;
          await client.query('UPDATE events SET data = $3, metadata = $4 WHERE stream_id = $1 AND stream_revision = $2',
            [stream(orderId), row.revision, JSON.stringify(row.data), JSON.stringify(row.metadata)]);
        }
      });
    },
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

interface Row {
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}
