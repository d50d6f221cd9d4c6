import type { Pool } from 'pg';
import { trackingToken } from './tracking-token';

/**
 * The URL of an order's current tracking link, computed again from the secret and the stored
 * rotation (only the token's hash is stored). An order without a row yet (placed before links
 * existed) has rotation 0: the link the API makes for it on first use.
 */
export async function currentTrackingUrl(pool: Pool, secret: Buffer, publicBaseUrl: string, orderId: string): Promise<string> {
  let rotation = 0;
  try {
    const { rows } = await pool.query<{ rotation: number }>('SELECT rotation FROM tracking_links WHERE order_id = $1', [orderId]);
    rotation = rows[0]?.rotation ?? 0;
  } catch (error) {
    // A projector process started on a database the API has not migrated yet: no link was ever rotated.
    if ((error as { code?: string }).code !== '42P01') throw error;
  }
  return `${publicBaseUrl}/track/${trackingToken(secret, orderId, rotation)}`;
}
