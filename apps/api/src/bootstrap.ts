import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TOKEN_REGISTRY, type TokenRegistry } from '@app/auth';
import type { AppConfig } from '@app/config';
import type { Migration } from '@app/database';
import { METRICS, type Metrics } from '@app/observability';
import { ProjectorModule } from '@app/projector/projector.module';
import { projectionMigrations, projectionsFor } from '@app/projections/registry';
import { AppModule } from './app.module';
import { registerConsole } from './console/console-static';
import { registerHttpMetrics } from './metrics/http-metrics';
import { registerCorrelationId } from './http/correlation';
import { mountOpenApi } from './http/openapi';
import { frameworkErrorProblem, strictJsonBodyParser } from './http/strict-transport';
import { createValidationPipe } from './http/validation';
import { registerRateLimits } from './http/rate-limits';
import { drainRefusedBodies } from './http/refused-bodies';
import { guardOperationalEndpoints } from './http/operational-access';
import { registerSecurityHeaders } from './http/security-headers';
import { capConnections, serverOptions } from './http/server-limits';
import { registerTrackingRateLimit } from './tracking/tracking-rate-limit';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface CreateAppOptions {
  projector?: DynamicModule;
  projectionMigrations?: Migration[];
}

/** The real Nest app on Fastify, as `npm start` runs it and as the end-to-end tests drive it. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    ...serverOptions(config),
    frameworkErrors: frameworkErrorProblem,
    // Request ids become events' causationId: unique across replicas and restarts, not a per-process counter.
    genReqId: () => randomUUID(),
  });
  const fastify = adapter.getInstance();
  capConnections(fastify, config.httpLimits);
  registerCorrelationId(fastify);
  drainRefusedBodies(fastify);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      config,
      projector: options.projector ?? (config.mode === 'api' ? undefined : ProjectorModule.forRoot()),
      // Every mode creates every projection's schema: MODE=api answers reads before any projector ran.
      projectionMigrations: options.projectionMigrations ?? projectionMigrations(projectionsFor(config)),
    }),
    adapter,
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  const tokens = app.get<TokenRegistry>(TOKEN_REGISTRY);
  await registerRateLimits(fastify, config.httpLimits, tokens);
  guardOperationalEndpoints(fastify, tokens);
  await registerSecurityHeaders(fastify);
  // JSON only, strictly UTF-8 (replaces Nest's JSON and form parsers).
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, strictJsonBodyParser(fastify));
  registerHttpMetrics(fastify, app.get<Metrics>(METRICS));
  await registerTrackingRateLimit(fastify, config.tracking);
  app.useGlobalPipes(createValidationPipe());
  if (config.mode !== 'projector') {
    mountOpenApi(app);
    registerConsole(fastify);
  }
  app.enableShutdownHooks();
  return app;
}
