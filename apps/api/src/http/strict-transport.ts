/**
 * The two transport-level answers Fastify gives on its own, made to follow docs/http-api.md "Errors":
 * - a JSON body whose bytes are not UTF-8 is refused (Fastify decoded it leniently, so bytes
 *   that are not UTF-8 became U+FFFD and were stored as if the caller had sent that);
 * - a URL that is not valid percent-encoded UTF-8 answers problem+json, not Fastify's own JSON.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, problem } from './problem';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** For `app.useBodyParser('application/json', …)`: strict UTF-8, then Fastify's own parser (prototype poisoning refused). */
export function strictJsonBodyParser(fastify: FastifyInstance) {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void): void => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(new ProblemException(problem(400, 'validation_failed', 'The request body is not valid UTF-8.', [{ field: 'body', message: 'must be UTF-8 encoded JSON' }])));
      return;
    }
    parseJson(request, text, done);
  };
}

/** Fastify's `frameworkErrors`: a malformed URL (FST_ERR_BAD_URL), or a failed async route constraint (none are used). */
export function frameworkErrorProblem(error: Error & { code?: string }, _request: FastifyRequest, reply: FastifyReply): void {
  const answer = error.code === 'FST_ERR_BAD_URL'
    ? problem(400, 'validation_failed', 'The URL is not valid percent-encoded UTF-8.', [{ field: 'path', message: 'must be valid percent-encoded UTF-8' }])
    : problem(500, 'internal_error', 'An unexpected error occurred.');
  void reply.status(answer.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(answer));
}
