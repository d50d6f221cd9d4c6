import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@app/config';
import { ProjectorAppModule } from './projector-app.module';

/** The runners give a batch in flight 10 s to finish on stop; past this, exit anyway. */
const SHUTDOWN_DEADLINE_MS = 15_000;

/** The projector process (MODE=projector): projections and the SLA scheduler, no HTTP. */
async function main(): Promise<void> {
  const config = { ...loadConfig(), mode: 'projector' as const };
  const app = await NestFactory.createApplicationContext(ProjectorAppModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(PinoLogger));
  // SIGTERM/SIGINT: stop the runners (the batch in flight commits or rolls back), release the locks, close the pool.
  app.enableShutdownHooks();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref());
  }
  await app.init();
  new Logger('projector').log('projector running (MODE=projector)');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
