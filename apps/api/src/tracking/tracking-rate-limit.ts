/**
 * The tracking page is public: its requests are counted per client address with
 * @fastify/rate-limit (TRACKING_RATE_LIMIT per TRACKING_RATE_WINDOW_SECONDS), on the /track/
 * routes only. Over the limit: 429 problem+json with Retry-After.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { TrackingConfig } from '@app/config';
import { problem } from '../http/problem';

const TRACK_ROUTES = '/track/';

export async function registerTrackingRateLimit(fastify: FastifyInstance, config: TrackingConfig): Promise<void> {
  // Another part of the app may have registered the plugin already (it decorates the instance once).
  if (!fastify.hasDecorator('createRateLimit')) await fastify.register(rateLimit, { global: false });
  const limit = fastify.createRateLimit({
    max: config.rateLimitMax,
    timeWindow: config.rateLimitWindowSeconds * 1000,
    keyGenerator: (request) => `track:${request.ip}`,
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.url?.startsWith(TRACK_ROUTES)) return;
    const outcome = await limit(request);
    if (outcome.isAllowed || !outcome.isExceeded) return;
    const answer = problem(429, 'rate_limited', `Too many requests; retry after ${outcome.ttlInSeconds} seconds.`);
    return reply
      .status(429)
      .headers({ 'retry-after': String(outcome.ttlInSeconds), 'content-type': 'application/problem+json; charset=utf-8' })
      .send(JSON.stringify(answer));
  });
}
