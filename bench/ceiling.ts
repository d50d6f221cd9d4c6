/**
 * The database's own ceiling beside our commands/s: the same kind of work (one event, one
 * transaction) issued straight at PostgreSQL, at the concurrency the place-order saturation run
 * uses (default 20 = the service's pool size).
 *
 *   npm run bench:ceiling [-- --targets embedded,local --clients 20 --seconds 10]
 *
 * Three tiers, each on a fresh `events`/`streams` schema (eventStoreMigrations):
 *   1. pgbench: a single-event INSERT into `events` per transaction (realistic OrderPlaced JSON);
 *   2. pgbench: our append statement (claim the stream row + insert the event, one statement);
 *   3. Node: PostgresEventStore.append in a tight loop (adapter + pg driver, no HTTP, no domain).
 * pgbench runs with -M prepared, -j 2, latencies from its per-transaction log. Without pgbench
 * (not installed) tiers 1 and 2 are skipped and tier 3 is the ceiling.
 * Writes the "Database ceiling" section of docs/benchmarks.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { runMigrations, startEmbeddedPostgres } from '@app/database';
import { eventStoreMigrations, PostgresEventStore } from '@app/event-store';
import { createTestDatabase } from '@app/harness';
import { placeOrderCommand, seededRng } from '@app/harness/order-lifecycle';
import { SimulatedOrder } from '@app/harness/simulated-order';
import { list, parseArgs } from './lib/args';
import { runMain, onCleanup } from './lib/cleanup';
import { Latency } from './lib/histogram';
import { loadAverage, postgresVersion, uptime } from './lib/machine';
import { fmt, readResults, table, writeSection } from './lib/report';

const args = parseArgs(process.argv.slice(2), { targets: 'embedded,local', clients: 20, seconds: 10, write: true });

type Target = 'embedded' | 'local';

interface Tier {
  tier: string;
  perSecond: number;
  p50: number;
  p99: number;
  transactions: number;
}

export function findPgbench(): string | null {
  const candidates = [process.env.PGBENCH, ...['17', '16', '15', '14', '13'].map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`)].filter(Boolean) as string[];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

/** A realistic first event (OrderPlaced with metadata and hash), as JSON. */
function sampleEvent(): { data: string; metadata: string; type: string } {
  const order = new SimulatedOrder('ceiling-sample');
  const [event] = order.decide(placeOrderCommand(seededRng(7), order.orderId), new Date('2026-03-02T09:00:00Z')) ?? [];
  return { type: event.type, data: pgbenchJson(event.data), metadata: pgbenchJson({ ...event.metadata, requestHash: 'x'.repeat(64) }) };
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * JSON that pgbench leaves alone: it reads `:name` as a variable, so no colon may touch a letter
 * or digit. Structural colons get a space; colons inside strings become the escape \u003a
 * (jsonb decodes it back, so the stored value is the same).
 */
function pgbenchJson(value: unknown): string {
  const hide = (v: unknown): unknown =>
    typeof v === 'string' ? v.replace(/:/g, '\u0001') : Array.isArray(v) ? v.map(hide) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hide(x)])) : v;
  return JSON.stringify(hide(value)).replace(/":/g, '": ').replace(/\\u0001/g, '\\u003a');
}

function pgbenchScripts(dir: string): { insert: string; append: string } {
  const e = sampleEvent();
  const insert = path.join(dir, 'insert.sql');
  fs.writeFileSync(insert, `INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES ('order-' || gen_random_uuid()::text, 0, gen_random_uuid(), ${sqlString(e.type)}, ${sqlString(e.data)}::jsonb, ${sqlString(e.metadata)}::jsonb);\n`);
  // The adapter's append statement (append-statement.ts, expected no_stream), with the stream id made in SQL.
  const doc = pgbenchJson([{ eventId: '00000000-0000-4000-8000-000000000000', type: e.type, data: JSON.parse(e.data), metadata: JSON.parse(e.metadata) }]);
  const append = path.join(dir, 'append.sql');
  fs.writeFileSync(append, `WITH sid AS (SELECT 'order-' || gen_random_uuid()::text AS s),
head AS (INSERT INTO streams (stream_id, revision) SELECT s, 0 FROM sid ON CONFLICT (stream_id) DO NOTHING RETURNING stream_id, revision - 1 AS base),
inserted AS (INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata)
  SELECT head.stream_id, head.base + e.ord, gen_random_uuid(), e.doc->>'type', e.doc->'data', coalesce(e.doc->'metadata', '{}')
  FROM head, jsonb_array_elements(${sqlString(doc)}::jsonb) WITH ORDINALITY AS e(doc, ord) ORDER BY e.ord
  RETURNING stream_revision, transaction_id, global_position),
last AS (SELECT * FROM inserted ORDER BY stream_revision DESC LIMIT 1)
SELECT last.stream_revision::text, last.transaction_id::text, last.global_position::text FROM last;\n`.replace(/\n/g, ' ') + '\n');
  return { insert, append };
}

async function runPgbench(pgbench: string, url: string, script: string, name: string, dir: string): Promise<Tier> {
  const logDir = fs.mkdtempSync(path.join(dir, `${name}-`));
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(pgbench, ['-n', '-M', 'prepared', '-c', String(args.clients), '-j', '2', '-T', String(args.seconds), '-f', script, '-l', '--log-prefix', path.join(logDir, 'log'), url], { stdio: ['ignore', 'pipe', 'pipe'] });
    const kill = onCleanup(`pgbench ${child.pid}`, () => void child.kill('SIGKILL'));
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.stderr.on('data', (c: Buffer) => (text += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), (args.seconds + 60) * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      kill();
      if (code === 0) resolve(text);
      else reject(new Error(`pgbench exited ${code}: ${text.slice(-2000)}`));
    });
  });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1]);
  const latency = new Latency();
  for (const file of fs.readdirSync(logDir)) {
    for (const line of fs.readFileSync(path.join(logDir, file), 'utf8').split('\n')) {
      const fields = line.split(' ');
      if (fields.length >= 3) latency.record(Number(fields[2]) / 1000);
    }
  }
  fs.rmSync(logDir, { recursive: true, force: true });
  return { tier: name, perSecond: Math.round(tps), p50: round(latency.p(50)), p99: round(latency.p(99)), transactions: latency.count };
}

/** PostgresEventStore.append of one realistic event to a new stream, `clients` loops at once. */
async function nodeAppendLoop(url: string): Promise<Tier> {
  const pool = new Pool({ connectionString: url, max: args.clients });
  pool.on('error', () => undefined); // an idle client cut by the server's shutdown
  const store = new PostgresEventStore(pool);
  const e = sampleEvent();
  const data = JSON.parse(e.data) as Record<string, unknown>;
  const metadata = JSON.parse(e.metadata) as Record<string, unknown>;
  const latency = new Latency();
  try {
    const loop = async (until: number) => {
      while (Date.now() < until) {
        const started = process.hrtime.bigint();
        await store.append(`order-${randomUUID()}`, [{ eventId: randomUUID(), type: e.type, data, metadata }], 'no_stream');
        latency.record(Number(process.hrtime.bigint() - started) / 1e6);
      }
    };
    await Promise.all(Array.from({ length: args.clients }, () => loop(Date.now() + 2_000))); // warm-up
    const measured = new Latency();
    const started = Date.now();
    await Promise.all(Array.from({ length: args.clients }, async () => {
      const until = started + args.seconds * 1000;
      while (Date.now() < until) {
        const t = process.hrtime.bigint();
        await store.append(`order-${randomUUID()}`, [{ eventId: randomUUID(), type: e.type, data, metadata }], 'no_stream');
        measured.record(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }));
    const seconds = (Date.now() - started) / 1000;
    return { tier: 'Node: PostgresEventStore.append, one event, new stream', perSecond: Math.round(measured.count / seconds), p50: round(measured.p(50)), p99: round(measured.p(99)), transactions: measured.count };
  } finally {
    await store.close();
    await pool.end();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

async function database(target: Target, dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  if (target === 'local') {
    const db = await createTestDatabase('bench_ceiling');
    const undo = onCleanup(`drop ${db.name}`, () => db.drop());
    return { url: db.url, stop: async () => { await db.drop(); undo(); } };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
  const undo = onCleanup('embedded postgres', () => embedded.stop());
  return { url: embedded.url, stop: async () => { await embedded.stop(); undo(); } };
}

runMain(async () => {
  const before = loadAverage();
  const pgbench = findPgbench();
  console.log(`ceiling: ${args.clients} clients, ${args.seconds} s per tier; pgbench ${pgbench ?? 'not found: pgbench tiers skipped'} (${uptime()})`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-bench-ceiling-'));
  fs.chmodSync(dir, 0o755);
  onCleanup('ceiling temp dir', () => fs.rmSync(dir, { recursive: true, force: true }));
  const results: Array<{ target: Target; postgres: string; tiers: Tier[] }> = [];
  for (const target of list(args.targets) as Target[]) {
    const db = await database(target, dir);
    try {
      const pool = new Pool({ connectionString: db.url, max: 2 });
      pool.on('error', () => undefined);
      await runMigrations(pool, eventStoreMigrations);
      await pool.end();
      const postgres = await postgresVersion(db.url);
      const tiers: Tier[] = [];
      if (pgbench) {
        const scripts = pgbenchScripts(dir);
        tiers.push(await runPgbench(pgbench, db.url, scripts.insert, 'pgbench: single-event INSERT into events', dir));
        console.log(`[${target}] ${tiers.at(-1)!.tier}: ${tiers.at(-1)!.perSecond}/s (load ${loadAverage()})`);
        tiers.push(await runPgbench(pgbench, db.url, scripts.append, 'pgbench: the append statement (stream row + event)', dir));
        console.log(`[${target}] ${tiers.at(-1)!.tier}: ${tiers.at(-1)!.perSecond}/s (load ${loadAverage()})`);
      }
      tiers.push(await nodeAppendLoop(db.url));
      console.log(`[${target}] ${tiers.at(-1)!.tier}: ${tiers.at(-1)!.perSecond}/s (load ${loadAverage()})`);
      results.push({ target, postgres, tiers });
    } finally {
      await db.stop();
    }
  }
  const after = loadAverage();
  // Our commands/s as a share of the ceiling, from the place-order section if it ran.
  const place = (readResults().place ?? []) as Array<{ target: string; maxSustained: number | null; saturation: number }>;
  const parts = [`One event per transaction, ${args.clients} concurrent clients (the service's pool size, and the place-order saturation run's connections), ${args.seconds} s per tier, \`synchronous_commit\` as the server has it (on). "our commands/s" is the place-order section's saturation throughput and max sustained rate on the same server, as a share of the first tier.`];
  for (const r of results) {
    const ours = place.find((p) => p.target === r.target);
    const ceiling = r.tiers[0].perSecond;
    parts.push(`### ${r.target === 'embedded' ? 'Embedded PostgreSQL' : "The machine's PostgreSQL"} (${r.postgres})`);
    parts.push(table(['tier', 'transactions/s', 'p50 ms', 'p99 ms'], r.tiers.map((t) => [t.tier, fmt(t.perSecond), t.p50, t.p99])));
    if (ours) parts.push(`Our place order: saturation ${fmt(ours.saturation)}/s = **${Math.round((ours.saturation / ceiling) * 100)} %** of the database's single-INSERT ceiling (${fmt(ceiling)}/s)${ours.maxSustained ? `; max sustained ${fmt(ours.maxSustained)}/s = ${Math.round((ours.maxSustained / ceiling) * 100)} %` : ''}.`);
  }
  const body = parts.join('\n\n');
  console.log(`\n${body}`);
  if (args.write) {
    writeSection('ceiling', {
      title: 'Database ceiling (the physical limit beside our figures)',
      command: `npm run bench:ceiling${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      body,
      postgres: Object.fromEntries(results.map((r) => [r.target, r.postgres])),
      load: { before, after },
      result: results.map((r) => ({ target: r.target, tiers: r.tiers.map((t) => ({ tier: t.tier, perSecond: t.perSecond, p99: t.p99 })) })),
    });
  }
}, 10 * 60_000);
