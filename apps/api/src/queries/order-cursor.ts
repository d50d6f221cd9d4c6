import type { OrderKey } from '@app/projections/order-status';
import { ProblemException, problem } from '../http/problem';

/**
 * The list's keyset cursor: the last item's (placedAt, orderId), base64url JSON. Opaque to
 * callers; a cursor stays valid whatever is written meanwhile (newer orders appear on page one).
 */
export function encodeCursor(key: OrderKey): string {
  return Buffer.from(JSON.stringify([key.placedAt, key.orderId]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): OrderKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string'
    && !Number.isNaN(Date.parse(parsed[0]))
  ) {
    return { placedAt: parsed[0], orderId: parsed[1] };
  }
  throw new ProblemException(
    problem(400, 'validation_failed', 'The request is malformed; see errors.', [
      { field: 'cursor', message: 'cursor must be a nextCursor returned by GET /orders' },
    ]),
  );
}
