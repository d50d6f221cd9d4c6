import type { WrongExpectedVersionError } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.port';

// The client's ErrorType values that mean "cannot reach a node that can serve this".
const UNAVAILABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);
// Raw gRPC status codes, for errors the client does not convert: 4 DEADLINE_EXCEEDED, 14 UNAVAILABLE.
const UNAVAILABLE_GRPC_CODES = new Set([4, 14]);
// Worth giving up on instead of resubscribing: retrying cannot make them succeed.
const PERMANENT_TYPES = new Set(['access-denied', 'invalid-argument', 'unsupported', 'stream-deleted']);

export function isEsdbUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  const e = error as { type?: unknown; code?: unknown };
  return (typeof e?.type === 'string' && UNAVAILABLE_TYPES.has(e.type)) || (typeof e?.code === 'number' && UNAVAILABLE_GRPC_CODES.has(e.code));
}

export function isEsdbPermanent(error: unknown): boolean {
  const type = (error as { type?: unknown })?.type;
  return typeof type === 'string' && PERMANENT_TYPES.has(type);
}

export function isStreamNotFound(error: unknown): boolean {
  return (error as { type?: unknown })?.type === 'stream-not-found';
}

export function toEsdbStoreError(error: unknown, action: string): unknown {
  if (error instanceof EventStoreUnavailableError || !isEsdbUnavailable(error)) return error;
  return new EventStoreUnavailableError(`EventStoreDB unavailable during ${action}: ${(error as Error).message}`, error);
}

/** By the client's `type` tag rather than instanceof, which fails across module copies or realms. */
export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return (error as { type?: unknown })?.type === 'wrong-expected-version';
}
