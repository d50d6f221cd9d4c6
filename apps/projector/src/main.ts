import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@app/config';
import { ProjectorAppModule } from './projector-app.module';

/** Orchestrators kill the process soon after 10 s (Docker's and Kubernetes' default grace period). */
const SHUTDOWN_DEADLINE_MS = 10_000;

/** The projector process (MODE=projector): projections and the SLA scheduler, no HTTP. */
async function main(): Promise<void> {
  const config = { ...loadConfig(), mode: 'projector' as const };
  const app = await NestFactory.createApplicationContext(ProjectorAppModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(PinoLogger));
  const logger = new Logger('projector');
  // Not Nest's enableShutdownHooks(): it ends the process by re-raising the signal (status 143).
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => {
        logger.error(`shutdown did not finish within ${SHUTDOWN_DEADLINE_MS} ms; exiting`);
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      logger.log(`${signal}: stopping`);
      // The runners stop (the batch in flight commits or rolls back, the locks are released),
      // the scheduler finishes its pass, then the pool and the embedded PostgreSQL close.
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`shutdown failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
          process.exit(1);
        },
      );
    });
  }
  await app.init();
  logger.log('projector running (MODE=projector)');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
