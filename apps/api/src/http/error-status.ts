import { DomainError, InvalidCommandError, NotFoundError } from '@app/ordering';
import { EventStoreOutcomeUnknownError, EventStoreUnavailableError, StreamDeletedError, WrongExpectedRevisionError } from '@app/event-store';
import { AccessDeniedError } from '@app/auth';
import { isDatabaseUnavailable } from '@app/database';
import { ProjectionLaggingError } from '@app/projections/nest';
import { HttpException } from '@nestjs/common';
import { ProblemException, problem, type Problem } from './problem';

export const RETRY_AFTER_SECONDS = '2';

export interface MappedError {
  problem: Problem;
  headers: Record<string, string>;
  /** Unexpected: log it with its stack. */
  unexpected: boolean;
}

/** The one place that turns an error of any layer into problem+json (docs/http-api.md "Errors"). */
export function mapError(error: unknown): MappedError {
  const known = (p: Problem, headers: Record<string, string> = {}) => ({ problem: p, headers, unexpected: false });
  if (error instanceof ProblemException) return known(error.problem, error.headers);
  if (error instanceof AccessDeniedError) return known(problem(error.status, error.code, error.message), error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
  if (error instanceof InvalidCommandError) return known(problem(400, 'validation_failed', error.message, error.errors));
  if (error instanceof NotFoundError) return known(problem(404, error.code, error.message));
  if (error instanceof DomainError) return known(problem(domainStatus(error.code), error.code, error.message));
  if (error instanceof WrongExpectedRevisionError) {
    return known(problem(409, 'concurrency_conflict', 'The order changed concurrently too many times; retry the command.'));
  }
  if (error instanceof EventStoreOutcomeUnknownError) {
    const detail = 'The event store did not confirm the write and could not be asked whether it happened: it may or may not be recorded. Retrying with the same Idempotency-Key is safe (a recorded write is answered, not repeated).';
    return known(problem(503, 'outcome_unknown', detail), { 'Retry-After': RETRY_AFTER_SECONDS });
  }
  if (error instanceof StreamDeletedError) return known(problem(410, 'stream_deleted', 'The order\'s event stream was deleted from the event store; it can no longer be read or changed.'));
  if (error instanceof EventStoreUnavailableError || isDatabaseUnavailable(error)) {
    return known(problem(503, 'unavailable', 'The event store or database cannot be reached; nothing was written. Retry later.'), { 'Retry-After': RETRY_AFTER_SECONDS });
  }
  if (error instanceof ProjectionLaggingError) {
    return known(problem(503, error.code, error.message), { 'Retry-After': String(error.retryAfterSeconds) });
  }
  const fastifyStatus = fastifyClientErrorStatus(error);
  if (fastifyStatus) return known(fastifyProblem(fastifyStatus, error as Error));
  if (error instanceof HttpException) return known(httpExceptionProblem(error));
  return { problem: problem(500, 'internal_error', 'An unexpected error occurred; it has been logged.'), headers: {}, unexpected: true };
}

function domainStatus(code: string): number {
  if (code === 'order_already_exists' || code.endsWith('_already_exists')) return 409;
  if (code === 'revision_mismatch') return 412;
  return 422;
}

function fastifyClientErrorStatus(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: string }).code ?? '';
  const status = (error as { statusCode?: number }).statusCode;
  if (code.startsWith('FST_') && status && status >= 400 && status < 500) return status;
  if (error instanceof SyntaxError && status === 400) return 400;
  return undefined;
}

function fastifyProblem(status: number, error: Error): Problem {
  if (status === 413) return problem(413, 'payload_too_large', 'The request body is larger than 1 MiB.');
  if (status === 415) return problem(415, 'unsupported_media_type', 'Send JSON with Content-Type: application/json.');
  return problem(status, 'validation_failed', `The request body is not valid JSON: ${error.message}`, [{ field: 'body', message: 'must be valid JSON' }]);
}

const URL_ECHOING: Record<number, string> = {
  404: 'No route matches this method and path; see GET /docs.',
  405: 'This route does not accept this method; see GET /docs.',
};

function httpExceptionProblem(error: HttpException): Problem {
  const status = error.getStatus();
  const response = error.getResponse() as string | { code?: string; message?: string | string[]; errors?: Problem['errors'] };
  const body = typeof response === 'string' ? { message: response } : response;
  const defaults: Record<number, string> = { 400: 'validation_failed', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 406: 'not_acceptable', 413: 'payload_too_large', 415: 'unsupported_media_type' };
  const code = body.code ?? defaults[status] ?? 'error';
  // Nest's own 404/405 say "Cannot GET <the URL as sent>": the path and query may hold an e-mail.
  const fixed = body.code === undefined ? URL_ECHOING[status] : undefined;
  const detail = fixed ?? (Array.isArray(body.message) ? body.message.join('; ') : body.message ?? error.message);
  return problem(status, code, detail, body.errors);
}
