import { createHash, randomUUID } from 'node:crypto';

/** The id of an order placed without one. */
export function newOrderId(idempotencyKey: string | undefined): string {
  // A retry under the same Idempotency-Key must land on the same order, so the id comes from the key; no key, no retry to match.
  if (!idempotencyKey) return randomUUID();
  return `o-${createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 20)}`;
}
