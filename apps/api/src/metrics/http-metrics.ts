import type { FastifyInstance } from 'fastify';
import { tagRouteTemplate, type Metrics } from '@app/observability';

/** Counts and times every request by its route template (never the raw URL: ids would explode cardinality). */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    // The request log line is written from the raw request (pino-http), which knows no route.
    tagRouteTemplate(request.raw, request.routeOptions?.url);
    done();
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
}
