import type { WrongExpectedVersionError } from '@eventstore/db-client';
import { EventStoreAccessDeniedError, EventStoreUnavailableError, StreamDeletedError } from '../event-store.port';

// The client's ErrorType values that mean "cannot reach a node that can serve this" (cancelled:
// the server cancelled the call, e.g. while shutting down).
const UNAVAILABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader', 'cancelled']);
// Raw gRPC status codes, for errors the client does not convert: 4 DEADLINE_EXCEEDED, 14 UNAVAILABLE.
const UNAVAILABLE_GRPC_CODES = new Set([4, 14]);
// Worth giving up on instead of resubscribing: retrying cannot make them succeed.
const PERMANENT_TYPES = new Set(['access-denied', 'invalid-argument', 'unsupported', 'stream-deleted']);
// An append that failed this way may have been committed: the server got it, the answer did not come back.
const OUTCOME_UNKNOWN_TYPES = new Set(['deadline-exceeded', 'timeout', 'cancelled']);
// A plain Error from the client's cluster discovery (client/discovery.js) when no seed answered with a usable node.
const DISCOVERY_FAILED = /^Failed to discover after \d+ attempts\.$/;

export function isEsdbUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  const e = error as { type?: unknown; code?: unknown; message?: unknown };
  if (typeof e?.message === 'string' && DISCOVERY_FAILED.test(e.message)) return true;
  return (typeof e?.type === 'string' && UNAVAILABLE_TYPES.has(e.type)) || (typeof e?.code === 'number' && UNAVAILABLE_GRPC_CODES.has(e.code));
}

export function isEsdbPermanent(error: unknown): boolean {
  const type = typeOf(error);
  return error instanceof EventStoreAccessDeniedError || error instanceof StreamDeletedError || (type !== undefined && PERMANENT_TYPES.has(type));
}

export function mayHaveBeenWritten(error: unknown): boolean {
  const type = typeOf(error);
  return (type !== undefined && OUTCOME_UNKNOWN_TYPES.has(type)) || (error as { code?: unknown })?.code === 4;
}

export function isStreamNotFound(error: unknown): boolean {
  return typeOf(error) === 'stream-not-found';
}

/**
 * The port's errors for the client's: unreachable → EventStoreUnavailableError, our credentials
 * refused → EventStoreAccessDeniedError, a deleted stream → StreamDeletedError; others unchanged.
 */
export function toEsdbStoreError(error: unknown, action: string): unknown {
  if (error instanceof EventStoreUnavailableError || error instanceof StreamDeletedError) return error;
  const type = typeOf(error);
  if (type === 'access-denied') {
    return new EventStoreAccessDeniedError(
      `EventStoreDB refused the service's user during ${action} (${(error as Error).message}): put a user in EVENT_STORE_URL ` +
        '(esdb://user:password@host…) that may read $all and write order-* streams (docs/event-store.md)',
      error,
    );
  }
  if (type === 'stream-deleted') return new StreamDeletedError(String((error as { streamName?: unknown }).streamName ?? ''), error);
  if (!isEsdbUnavailable(error)) return error;
  return new EventStoreUnavailableError(`EventStoreDB unavailable during ${action}: ${(error as Error).message}`, error);
}

/** By the client's `type` tag rather than instanceof, which fails across module copies or realms. */
export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return typeOf(error) === 'wrong-expected-version';
}

function typeOf(error: unknown): string | undefined {
  const type = (error as { type?: unknown })?.type;
  return typeof type === 'string' ? type : undefined;
}
