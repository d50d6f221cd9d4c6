/**
 * Options of the HTTP server against slow and numerous clients (docs/operations.md "HTTP
 * limits"): a client that trickles its headers (one byte now and then) is cut off after the
 * header timeout instead of holding a socket for minutes, a request must arrive whole within
 * the request timeout, and connections beyond the cap are refused at once.
 */
import type { FastifyInstance } from 'fastify';
import type { AppConfig, HttpLimits } from '@app/config';

/** How often Node checks the two timeouts (30 s by default: a 10 s timeout would act after up to 40 s). */
const TIMEOUT_CHECK_MS = 1000;

export function serverOptions(config: AppConfig) {
  const limits = config.httpLimits;
  return {
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_MS, limits.headersTimeoutMs),
    },
    // Fastify sets the request timeout again from its own option after creating the server.
    requestTimeout: limits.requestTimeoutMs,
    // X-Forwarded-For is believed only from the proxies named (by default none): anyone can send it.
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
  };
}

export function capConnections(fastify: FastifyInstance, limits: HttpLimits): void {
  fastify.server.maxConnections = limits.maxConnections;
}
