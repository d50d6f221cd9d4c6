import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@app/config';
import { ProjectorAppModule } from './projector-app.module';

/** The projector process (MODE=projector): projections and the SLA scheduler, no HTTP. */
async function main(): Promise<void> {
  const config = { ...loadConfig(), mode: 'projector' as const };
  const app = await NestFactory.createApplicationContext(ProjectorAppModule.forRoot(config), {
    logger: ['log', 'error', 'warn'],
    abortOnError: false,
  });
  // SIGTERM/SIGINT: stop the runners (the batch in flight commits or rolls back), release the locks, close the pool.
  app.enableShutdownHooks();
  await app.init();
  new Logger('projector').log('projector running (MODE=projector)');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
