import { Logger, ShutdownSignal } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig } from '@app/config';
import { createApp } from './bootstrap';
import { listenOnMetricsPort } from './http/operational-access';

/** Orchestrators kill the process soon after 10 s (Docker's and Kubernetes' default grace period). */
const SHUTDOWN_DEADLINE_MS = 10_000;
const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await withoutNestSignalHandlers(() => createApp(config));
  stopOnSignals(app, new Logger('main'));
  await app.listen({ port: config.port, host: config.host });
  const internal = await listenOnMetricsPort(app, config);
  if (internal) app.getHttpServer().once('close', () => void internal.close());
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const docs = internal ? `http://${shown}:${internal.address.port}/docs (no token)` : `http://${shown}:${config.port}/docs (with a token)`;
  new Logger('main').log(`order-management listening on http://${shown}:${config.port} (mode ${config.mode}); API docs at ${docs}; console at http://${shown}:${config.port}/console/`);
}

/**
 * SIGTERM/SIGINT: first the HTTP server (no new connections, keep-alive requests answered 503,
 * requests in flight, commands included, finish), then the rest in Nest's order: projection
 * runners (the batch in flight commits or rolls back) and the SLA scheduler stop, then the event
 * store, the pool and the embedded PostgreSQL close. Exit 0 once done, 1 at the deadline.
 */
function stopOnSignals(app: NestFastifyApplication, logger: Logger): void {
  let stopping = false;
  // Answers sent while stopping close their connection: a keep-alive connection left idle after
  // its last answer would hold the server open until the keep-alive timeout (72 s).
  app.getHttpAdapter().getInstance().addHook('onSend', async (_request, reply) => {
    if (stopping) reply.header('connection', 'close');
  });
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      if (stopping) return; // a second signal changes nothing: the deadline holds
      stopping = true;
      setTimeout(() => {
        logger.error(`shutdown did not finish within ${SHUTDOWN_DEADLINE_MS} ms; exiting`);
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      logger.log(`${signal}: stopping (requests in flight finish, new ones are refused)`);
      void (async () => {
        await app.getHttpAdapter().close();
        await app.close();
      })().then(
        () => {
          logger.log('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error(`shutdown failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}

/**
 * Nest's own shutdown hooks (if createApp enabled them) close in another order (the HTTP server
 * after the projector) and end the process by re-raising the signal (status 143, not 0): this
 * process orders its shutdown itself, so the handlers added while creating the app go.
 */
async function withoutNestSignalHandlers<T>(create: () => Promise<T>): Promise<T> {
  const signals = Object.values(ShutdownSignal);
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const created = await create();
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return created;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
