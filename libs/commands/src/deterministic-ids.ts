import { createHash, randomUUID } from 'node:crypto';

/**
 * Event ids derived from the Idempotency-Key, the path and the order: a retry of the same command
 * produces the same ids, so the store recognises events it already holds (architecture.md).
 */
export function eventIdsFor(count: number, scope: { idempotencyKey?: string; path: string; orderId: string }): string[] {
  if (!scope.idempotencyKey) return Array.from({ length: count }, () => randomUUID());
  return Array.from({ length: count }, (_, index) => uuidFromHash(`${scope.idempotencyKey}\n${scope.path}\n${scope.orderId}\n${index}`));
}

/** RFC 4122 layout (version 5 style: name-based, SHA hash) from a SHA-256 of the name. */
function uuidFromHash(name: string): string {
  const bytes = createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
