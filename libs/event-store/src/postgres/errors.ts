import { EventStoreUnavailableError } from '../event-store.port';

/** SQLSTATE classes and codes that mean "the server is not there", not "the request is wrong". */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
// node-pg reports these without a code.
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
  'Client was closed and is not queryable',
];

export function isUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  // Duck-typed, not `instanceof Error`: socket errors come from Node's own realm, which is not
  // the caller's under jest (or any vm context).
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
  if (Array.isArray(errors) && errors.some(isUnavailable)) return true; // AggregateError: every address refused
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.includes(m));
}

/** Connection trouble becomes EventStoreUnavailableError (callers answer 503); anything else is rethrown as is. */
export function toStoreError(error: unknown, action: string): unknown {
  if (error instanceof EventStoreUnavailableError || !isUnavailable(error)) return error;
  return new EventStoreUnavailableError(`PostgreSQL event store unavailable during ${action}: ${String((error as { message?: unknown }).message)}`, error);
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown };
  return e?.code === '23505' && e.constraint === constraint;
}
