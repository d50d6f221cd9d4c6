import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem } from './problem';

const MAX_LENGTH = 128;

/**
 * `X-Correlation-Id` (1 to 128 characters) is kept as the events' correlationId; without one
 * the server makes one. Either way it is echoed in the response header.
 */
export function registerCorrelationId(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.headers['x-correlation-id'];
    const given = Array.isArray(raw) ? raw[0] : raw;
    if (given !== undefined && (given.length < 1 || given.length > MAX_LENGTH)) {
      return reply
        .status(400)
        .header('content-type', 'application/problem+json; charset=utf-8')
        .send(JSON.stringify(problem(400, 'validation_failed', 'X-Correlation-Id must be 1 to 128 characters.', [{ field: 'X-Correlation-Id', message: 'must be 1 to 128 characters' }])));
    }
    const correlationId = given ?? randomUUID();
    // Written back so that every reader of the header (request logs, the command context) agrees.
    request.headers['x-correlation-id'] = correlationId;
    (request as FastifyRequest & { correlationId?: string }).correlationId = correlationId;
    reply.header('x-correlation-id', correlationId);
  });
}
