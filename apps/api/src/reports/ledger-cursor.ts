/**
 * The ledger's `cursor`: where the previous page ended, opaque to callers (base64url of JSON), so
 * the keyset behind it can change without breaking the API. A cursor that does not decode is the
 * caller's error (400), never a silent restart from the first page.
 */
import type { LedgerPosition } from '@app/projections/finance';

const ISSUED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeLedgerCursor(position: LedgerPosition): string {
  return Buffer.from(JSON.stringify([position.issuedAt, position.orderId, position.refundId]), 'utf8').toString('base64url');
}

/** Null when the text is not a cursor this server made. */
export function decodeLedgerCursor(cursor: string): LedgerPosition | null {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 3 || !decoded.every((part) => typeof part === 'string')) return null;
  const [issuedAt, orderId, refundId] = decoded as string[];
  if (!ISSUED_AT.test(issuedAt) || Number.isNaN(Date.parse(issuedAt)) || !orderId || !refundId) return null;
  return { issuedAt, orderId, refundId };
}
