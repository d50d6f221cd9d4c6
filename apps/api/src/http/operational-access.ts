/**
 * Who may read the operational endpoints (docs/operations.md "Access to operational endpoints").
 * /metrics tells the Node.js version and the business volume, /docs and /docs-json the whole API:
 * on the main port they need a token (/metrics the admin role, the API description any role).
 * With METRICS_PORT set, the same endpoints (and only those, and the probes) are also served on
 * that port without a token, for a scraper on an internal network. Swagger UI's routes are
 * Fastify's own, not Nest's, so this is a Fastify hook rather than the Nest guard.
 */
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { bearerToken, type TokenRegistry } from '@app/auth';
import type { AppConfig } from '@app/config';
import { problem } from './problem';

type Access = 'admin' | 'any-role';

const INTERNAL = Symbol('internalPort');
const PROBES = new Set(['/health', '/health/live', '/health/ready']);

function accessTo(path: string): Access | undefined {
  if (path === '/metrics') return 'admin';
  if (path === '/docs' || path === '/docs-json' || path.startsWith('/docs/')) return 'any-role';
  return undefined;
}

export function guardOperationalEndpoints(fastify: FastifyInstance, tokens: TokenRegistry): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    const access = accessTo(path);
    if ((request.raw as IncomingMessage & { [INTERNAL]?: true })[INTERNAL]) {
      return access || PROBES.has(path) ? undefined : refuse(reply, 404, 'not_found', 'The internal port serves /metrics, /docs, /docs-json and the probes only.');
    }
    if (!access) return undefined;
    const token = bearerToken(request.headers.authorization);
    const principal = token ? tokens.authenticate(token) : null;
    if (!principal) return refuse(reply, 401, 'unauthenticated', 'Send Authorization: Bearer <token>.', { 'www-authenticate': 'Bearer' });
    if (access === 'admin' && principal.role !== 'admin') return refuse(reply, 403, 'forbidden', `The ${principal.role} role may not use this endpoint.`);
    return undefined;
  });
}

function refuse(reply: FastifyReply, status: number, code: string, detail: string, headers: Record<string, string> = {}) {
  return reply
    .status(status)
    .headers({ ...headers, 'content-type': 'application/problem+json; charset=utf-8' })
    .send(JSON.stringify(problem(status, code, detail)));
}

export interface MetricsPort {
  address: AddressInfo;
  close(): Promise<void>;
}

/** Serves the operational endpoints on METRICS_PORT (bound to HOST), through the app's own routes. */
export async function listenOnMetricsPort(app: NestFastifyApplication, config: AppConfig): Promise<MetricsPort | undefined> {
  if (config.metricsPort === undefined) return undefined;
  const fastify = app.getHttpAdapter().getInstance();
  const limits = config.httpLimits;
  const server = http.createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs },
    (request, response) => {
      (request as IncomingMessage & { [INTERNAL]?: true })[INTERNAL] = true;
      fastify.routing(request, response);
    },
  );
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metricsPort, config.host, () => resolve());
  });
  return {
    address: server.address() as AddressInfo,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
