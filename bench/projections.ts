/**
 * Projection catch-up, written into docs/benchmarks.md: runs bench/projection-catch-up.ts (the
 * projection engineer's benchmark: realistic interleaved lifecycles appended through the store
 * port into a fresh database, then a cold catch-up of every registered projection) and records
 * its figures. A run smaller than 1,000,000 events says so and extrapolates the full rebuild.
 *
 *   npm run bench:projections [-- --events 1000000 --batch 2000 --max-seconds 600]
 */
import { Client } from 'pg';
import { ADMIN_DATABASE_URL } from '@app/harness';
import { parseArgs } from './lib/args';
import { runScript } from './lib/child';
import { runMain } from './lib/cleanup';
import { loadAverage, uptime } from './lib/machine';
import { fmt, table, writeSection } from './lib/report';

const args = parseArgs(process.argv.slice(2), { events: 1_000_000, batch: 2000, maxSeconds: 600, write: true });

export const EVENTS_PER_SECOND_TARGET = 10_000;
export const REBUILD_1M_SECONDS_TARGET = 100;

interface CatchUp {
  events: number;
  batchSize: number;
  projections: string[];
  seconds: number;
  eventsPerSecond: number;
  eventsPerSecondByProjection: Record<string, number>;
  postgres: string;
}

/** The databases projection-catch-up.ts names (createTestDatabase('bench')). */
async function benchDatabases(): Promise<string[]> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^om_bench_[0-9a-f]{8}$'`);
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

/** A catch-up stopped for time cannot drop its own database: drop the one it made (new since it started). */
async function dropLeftovers(before: string[]): Promise<void> {
  const left = (await benchDatabases()).filter((name) => !before.includes(name));
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    for (const name of left) {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      console.log(`  dropped ${name}, left by the stopped run`);
    }
  } finally {
    await client.end();
  }
}

runMain(async () => {
  const before = loadAverage();
  console.log(`projection catch-up over ${fmt(args.events)} events (${uptime()})`);
  const existing = await benchDatabases();
  const run = await runScript('bench/projection-catch-up.ts', ['--events', String(args.events), '--batch', String(args.batch)], { timeoutMs: args.maxSeconds * 1000 });
  if (run.timedOut || run.code !== 0) await dropLeftovers(existing);
  const line = run.output.split('\n').find((l) => l.startsWith('{"benchmark":"projection-catch-up"'));
  if (!line) throw new Error(`projection-catch-up.ts gave no result (exit ${run.code}${run.timedOut ? ', out of time' : ''})`);
  const r = JSON.parse(line) as CatchUp;
  const appended = /appended (\d+) events \((\d+) orders\) in ([\d.]+) s/.exec(run.output);
  const after = loadAverage();
  const full = r.events >= 1_000_000;
  const rebuild1M = full ? r.seconds : Math.round((1_000_000 / r.eventsPerSecond) * 10) / 10;
  const slowest = Object.entries(r.eventsPerSecondByProjection).sort((a, b) => a[1] - b[1])[0];
  const body = [
    `Cold catch-up from an empty checkpoint of every registered projection (${r.projections.join(', ')}) at once, as a projector process runs them, over ${fmt(r.events)} events${appended ? ` of ${fmt(Number(appended[2]))} orders (appended through the store port in ${appended[3]} s, not measured)` : ''}, batch ${fmt(r.batchSize)} (PROJECTION_BATCH_SIZE; the runner grows catch-up batches from it, projections/runtime/batch-sizer.ts), the machine's PostgreSQL (${r.postgres.split(' ')[0]}).${full ? '' : ` **Not the full 1,000,000-event run** (${fmt(r.events)} events, the largest that fit the time budget); the 1M rebuild time is extrapolated from the rate.`}`,
    table(['projection', 'events/s', 'target', 'met'], [
      ...Object.entries(r.eventsPerSecondByProjection).map(([name, rate]) => [name, fmt(rate), `≥ ${fmt(EVENTS_PER_SECOND_TARGET)}`, rate >= EVENTS_PER_SECOND_TARGET ? 'yes' : 'no']),
      ['**all read models**', `**${fmt(r.eventsPerSecond)}**`, `≥ ${fmt(EVENTS_PER_SECOND_TARGET)}`, r.eventsPerSecond >= EVENTS_PER_SECOND_TARGET ? 'yes' : `no (${Math.round((1 - r.eventsPerSecond / EVENTS_PER_SECOND_TARGET) * 100)} % short)`],
    ]),
    `Full rebuild of 1,000,000 events: **${rebuild1M} s**${full ? '' : ' (extrapolated)'} against a target of ≤ ${REBUILD_1M_SECONDS_TARGET} s: ${rebuild1M <= REBUILD_1M_SECONDS_TARGET ? 'met' : `missed by ${Math.round(rebuild1M - REBUILD_1M_SECONDS_TARGET)} s`}. The slowest read model sets the pace: ${slowest[0]} (${fmt(slowest[1])} events/s).`,
  ].join('\n\n');
  console.log(`\n${body}`);
  if (args.write) {
    writeSection('projections', {
      title: 'Projection catch-up (cold rebuild of every read model)',
      command: `npm run bench:projections -- --events ${args.events}`,
      body,
      postgres: { local: r.postgres.split(' ')[0] },
      load: { before, after },
      result: { events: r.events, eventsPerSecond: r.eventsPerSecond, byProjection: r.eventsPerSecondByProjection, seconds: r.seconds, rebuild1M, extrapolated: !full },
    });
  }
}, (args.maxSeconds + 120) * 1000);
