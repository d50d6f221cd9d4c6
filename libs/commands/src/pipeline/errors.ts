import { DomainError } from '@app/ordering';

export function revisionMismatch(expected: number, actual: number | 'no_stream'): DomainError {
  return new DomainError('revision_mismatch', `If-Match expected revision ${expected}, the order is at ${actual === 'no_stream' ? 'no revision (not found)' : actual}.`);
}

export function idempotencyKeyReused(): DomainError {
  return new DomainError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.');
}
