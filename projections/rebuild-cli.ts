/**
 * `node dist/projections/rebuild-cli.js <name>` (npm run projections:rebuild -- <name>): rebuilds
 * one read model beside the live one and swaps, printing progress. Safe while the service runs
 * (the swap waits for the live runner's batch), on an external DATABASE_URL or on the embedded
 * server of its DATA_DIR, which this joins and leaves running (POST /admin/projections/{name}/rebuild does the same).
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/config';
import { Database } from '@app/database';
import { createReadableEventStore } from '@app/platform';
import { coreMigrations } from '@app/platform';
import { projectionMigrations, projectionsFor } from './registry';
import { describeRebuildProgress, rebuildProjection, RebuildInProgressError, throttled } from './runtime/rebuild';

const PROGRESS_EVERY_MS = 1_000;

async function main(args: string[]): Promise<number> {
  const name = args[0];
  const config = loadConfig();
  const projections = projectionsFor(config);
  const projection = projections.find((p) => p.name === name);
  if (!projection) {
    console.error(`usage: rebuild-cli <name>   (one of: ${projections.map((p) => p.name).join(', ')})`);
    return 2;
  }
  const database = await Database.open({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 4,
    migrations: [...coreMigrations(), ...projectionMigrations(projections)],
    log: (message) => console.log(message),
  });
  // Projections fold plaintext: the reading view decrypts (docs/privacy.md).
  const store = createReadableEventStore(config, database.pool);
  const print = throttled(PROGRESS_EVERY_MS, (p) => console.log(describeRebuildProgress(name, p)));
  try {
    const result = await rebuildProjection(database.pool, store, projection, { batchSize: config.projectionBatchSize, onProgress: print });
    console.log(`${name}: rebuilt and swapped: ${result.events} events in ${(result.durationMs / 1000).toFixed(1)} s (${result.eventsPerSecond} events/s), at ${result.position ?? 'the start'}`);
    return 0;
  } catch (error) {
    console.error(error instanceof RebuildInProgressError ? error.message : error);
    return 1;
  } finally {
    await store.close().catch(() => undefined);
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
