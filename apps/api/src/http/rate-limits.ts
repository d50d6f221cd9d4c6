/**
 * Request rates (docs/operations.md "HTTP limits"), counted per process with @fastify/rate-limit
 * before any other work: a request with a valid token counts against that token at a high
 * ceiling (a service sending thousands of commands a second passes untouched), any other
 * request (no token, an unknown or a wrong one) against its address at a low one, so guessing
 * tokens or flooding with bad ones is throttled. Probes are not counted. Over the limit: 429
 * problem+json with Retry-After.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerToken, type TokenRegistry } from '@app/auth';
import type { HttpLimits } from '@app/config';
import { problem } from './problem';

/** Liveness and readiness probes come from the orchestrator, often and without a token. */
const PROBES = new Set(['/health', '/health/live', '/health/ready']);

export async function registerRateLimits(fastify: FastifyInstance, limits: HttpLimits, tokens: TokenRegistry): Promise<void> {
  await fastify.register(rateLimit, { global: false });
  const timeWindow = limits.rateLimitWindowSeconds * 1000;
  const perToken = limits.perTokenRequests
    ? fastify.createRateLimit({ max: limits.perTokenRequests, timeWindow, keyGenerator: (request) => `token:${principalName(request, tokens)}` })
    : undefined;
  const perAddress = limits.anonymousRequests
    ? fastify.createRateLimit({ max: limits.anonymousRequests, timeWindow, keyGenerator: (request) => `address:${request.ip}` })
    : undefined;
  fastify.addHook('onRequest', async (request, reply) => {
    if (PROBES.has(request.url.split('?')[0])) return;
    const limit = principalName(request, tokens) ? perToken : perAddress;
    const outcome = limit ? await limit(request) : undefined;
    if (!outcome || outcome.isAllowed || !outcome.isExceeded) return;
    const answer = problem(429, 'rate_limited', `Too many requests; retry after ${outcome.ttlInSeconds} seconds.`);
    return reply
      .status(429)
      .headers({ 'retry-after': String(outcome.ttlInSeconds), 'content-type': 'application/problem+json; charset=utf-8' })
      .send(JSON.stringify(answer));
  });
}

const NAMED = Symbol('rateLimitPrincipal');

/** The valid token's name (never the token itself, kept as a key), or '' without one; computed once per request. */
function principalName(request: FastifyRequest, tokens: TokenRegistry): string {
  const memo = request as FastifyRequest & { [NAMED]?: string };
  if (memo[NAMED] === undefined) {
    const token = bearerToken(request.headers.authorization);
    memo[NAMED] = (token && tokens.authenticate(token)?.tokenName) || '';
  }
  return memo[NAMED];
}
