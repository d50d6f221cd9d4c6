import type { OrderKey } from '@app/projections/order-status';
import { cursorParts, invalidCursor, isTimestamp } from '../http/cursor';
import { ID_PATTERN } from '../orders/shared/fields';

/**
 * The list's keyset cursor: the last item's (placedAt, orderId), base64url JSON. Opaque to
 * callers; a cursor stays valid whatever is written meanwhile (newer orders appear on page one).
 */
export function encodeCursor(key: OrderKey): string {
  return Buffer.from(JSON.stringify([key.placedAt, key.orderId]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): OrderKey {
  const parts = cursorParts(cursor);
  if (parts?.length === 2 && isTimestamp(parts[0]) && typeof parts[1] === 'string' && ID_PATTERN.test(parts[1])) {
    return { placedAt: parts[0], orderId: parts[1] };
  }
  throw invalidCursor('GET /orders');
}
