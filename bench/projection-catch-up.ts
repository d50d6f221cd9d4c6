/**
 * Cold catch-up throughput of every projection in the registry.
 *
 *   node -r ./harness/register-ts.js bench/projection-catch-up.ts [--events 200000] [--batch 2000] [--keep]
 *
 * Makes a fresh database on the machine's PostgreSQL (TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test), appends --events events of random, realistic order
 * lifecycles straight through the EventStore port (decided by the real domain, with metadata and
 * hash chain, orders interleaved like live traffic), then starts the projection runtime from empty
 * checkpoints and measures events/s until every projection has reached the head.
 * Prints a human summary and one JSON line (for docs/benchmarks.md). Drops the database unless --keep.
 */
import os from 'node:os';
import { runMigrations } from '@app/database';
import { eventStoreMigrations, PostgresEventStore } from '@app/event-store';
import { loadConfig } from '@app/config';
import { projectionMigrations, projectionsFor } from '@app/projections/registry';
import { ProjectionRuntime, readCheckpoint } from '@app/projections/runtime';
import { Pool } from 'pg';
import { createTestDatabase } from '@app/harness';
import { fillStore } from '@app/harness/fill-store';
import { seededRng } from '@app/harness/order-lifecycle';

interface Args {
  events: number;
  batch: number;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const events = Number(value('--events') ?? 200_000);
  const batch = Number(value('--batch') ?? 2_000);
  if (!Number.isInteger(events) || events < 1) throw new Error('--events must be a positive integer');
  if (!Number.isInteger(batch) || batch < 1) throw new Error('--batch must be a positive integer');
  return { events, batch, keep: argv.includes('--keep') };
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Every registered projection, as a default configuration builds them.
  const PROJECTIONS = projectionsFor(loadConfig({}));
  const db = await createTestDatabase('bench');
  const pool = new Pool({ connectionString: db.url, max: 10 });
  const store = new PostgresEventStore(pool);
  try {
    await runMigrations(pool, [...eventStoreMigrations, ...projectionMigrations(PROJECTIONS)]);

    // Loading the log is not what is measured: skip the per-commit flush while filling it.
    const loadPool = new Pool({ connectionString: db.url, max: 16, options: '-c synchronous_commit=off' });
    const loader = new PostgresEventStore(loadPool);
    const appendStart = Date.now();
    let lastPrint = 0;
    const appended = await fillStore(loader, {
      orders: Number.MAX_SAFE_INTEGER,
      maxEvents: args.events,
      rng: seededRng(2026),
      active: 2_000,
      concurrency: 16,
      commandsPerAppend: 4,
      onProgress: (n) => {
        if (Date.now() - lastPrint < 2_000) return;
        lastPrint = Date.now();
        process.stdout.write(`  appending: ${n} events\n`);
      },
    });
    await loader.close();
    await loadPool.end();
    const { rows } = await pool.query<{ orders: string }>('SELECT count(*)::text AS orders FROM streams');
    console.log(`appended ${appended} events (${rows[0].orders} orders) in ${seconds(Date.now() - appendStart)} s`);

    const head = (await store.headPosition()) as string;
    const total = await store.countAfter(null);
    const runtime = new ProjectionRuntime(pool, store, PROJECTIONS, { batchSize: args.batch });
    const started = Date.now();
    runtime.start();
    const finished = new Map<string, number>();
    while (finished.size < PROJECTIONS.length) {
      for (const projection of PROJECTIONS) {
        if (finished.has(projection.name)) continue;
        const checkpoint = await readCheckpoint(pool, projection.name);
        if (checkpoint?.position && store.comparePositions(checkpoint.position, head) >= 0) finished.set(projection.name, Date.now() - started);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const elapsed = Math.max(...finished.values());
    await runtime.stop();

    const perProjection = Object.fromEntries([...finished].map(([name, ms]) => [name, Math.round(total / (ms / 1000))]));
    const result = {
      benchmark: 'projection-catch-up',
      events: total,
      batchSize: args.batch,
      projections: PROJECTIONS.map((p) => p.name),
      seconds: Number(seconds(elapsed)),
      eventsPerSecond: Math.round(total / (elapsed / 1000)),
      eventsPerSecondByProjection: perProjection,
      cpus: os.cpus().length,
      node: process.version,
      postgres: (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version,
    };
    console.log(`cold catch-up of ${PROJECTIONS.length} projection(s): ${total} events in ${seconds(elapsed)} s = ${result.eventsPerSecond} events/s`);
    for (const [name, rate] of Object.entries(perProjection)) console.log(`  ${name}: ${rate} events/s`);
    console.log(JSON.stringify(result));
  } finally {
    await store.close();
    await pool.end();
    if (args.keep) console.log(`kept database ${db.url}`);
    else await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
