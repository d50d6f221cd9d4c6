/**
 * Refund report latency on a year of 1,000,000 refunds (docs/finance.md, "Performance").
 *   node -r ./harness/register-ts.js bench/finance-report.ts
 * (or compiled: npx swc apps libs projections bench harness -d dist --quiet && node dist/bench/finance-report.js)
 * Env: BENCH_REFUNDS (default 1000000), BENCH_REQUESTS per scenario (default 300),
 * TEST_DATABASE_URL (the machine's PostgreSQL, as the tests use); BENCH_KEEP=1 keeps the filled
 * database and prints its URL, BENCH_DATABASE_URL=<it> measures it again without refilling.
 * Target: p95 < 50 ms.
 * Requests go one at a time over a keep-alive connection to the real HTTP stack, then four at a time
 * (c=4 on 2 cores mostly measures queueing: the server and this client share one event loop).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { loadConfig } from '@app/config';
import { runMigrations } from '@app/database';
import { eventStoreMigrations } from '@app/event-store';
import { financeProjection } from '@app/projections/finance';
import { migrationsFor } from '@app/projections/runtime';
import { createTestDatabase } from '@app/harness/test-database';
import { BENCH_YEAR, fillFinanceTables, ledgerTotals } from './finance-report-data';
import { listenReportsApp } from './finance-report-app';

const REFUNDS = Number(process.env.BENCH_REFUNDS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const TOKEN = 'finance-token-for-bench-00001';

interface Scenario {
  name: string;
  path: () => string;
}

/** A 30-day window starting on a random day of the year, so the cache is not one page hot. */
function thirtyDays(groupBy: string): () => string {
  return () => {
    const start = new Date(Date.UTC(2025, 0, 1 + Math.floor(Math.random() * 335)));
    const end = new Date(start.getTime() + 29 * 86_400_000);
    return `/reports/refunds?from=${start.toISOString().slice(0, 10)}&to=${end.toISOString().slice(0, 10)}&groupBy=${groupBy}`;
  };
}

const SCENARIOS: Scenario[] = [
  ...['day', 'method', 'reason', 'destination', 'currency'].map((g) => ({ name: `30 days, groupBy=${g}`, path: thirtyDays(g) })),
  ...['day', 'method', 'reason', 'destination', 'currency'].map((g) => ({ name: `365 days, groupBy=${g}`, path: () => `/reports/refunds?from=${BENCH_YEAR.from}&to=${BENCH_YEAR.to}&groupBy=${g}` })),
  { name: '365 days, groupBy=day, CSV', path: () => `/reports/refunds?from=${BENCH_YEAR.from}&to=${BENCH_YEAR.to}&groupBy=day&format=csv` },
  { name: 'ledger page (limit 100), 30 days', path: () => `/reports/refunds/ledger?limit=100&${thirtyDays('day')().split('?')[1].replace(/&groupBy=day/, '')}` },
];

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function timedGet(base: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.get(`${base}${path}`, { agent, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${path}: HTTP ${res.statusCode}`));
        else resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
    });
    req.on('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(base: string, scenario: Scenario, concurrency: number): Promise<string> {
  for (let i = 0; i < 10; i += 1) await timedGet(base, scenario.path()); // warm-up
  const latencies: number[] = [];
  let remaining = REQUESTS;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (remaining > 0) {
      remaining -= 1;
      latencies.push(await timedGet(base, scenario.path()));
    }
  }));
  latencies.sort((a, b) => a - b);
  const f = (ms: number) => ms.toFixed(1).padStart(7);
  return `${scenario.name.padEnd(36)} c=${concurrency}  p50 ${f(percentile(latencies, 50))}  p95 ${f(percentile(latencies, 95))}  p99 ${f(percentile(latencies, 99))} ms`;
}

async function checkTotals(base: string, pool: Pool): Promise<void> {
  const body = await new Promise<string>((resolve, reject) => {
    http.get(`${base}/reports/refunds?from=${BENCH_YEAR.from}&to=${BENCH_YEAR.to}&groupBy=currency`, { agent, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve(text));
    }).on('error', reject);
  });
  const reported = (JSON.parse(body) as { totals: Array<Record<string, number | string>> }).totals
    .map((t) => ({ currency: String(t.currency), count: String(t.count), goods: String(t.goods), total: String(t.total) }));
  const expected = await ledgerTotals(pool);
  if (JSON.stringify(reported) !== JSON.stringify(expected)) throw new Error(`report totals ${JSON.stringify(reported)} differ from the ledger ${JSON.stringify(expected)}`);
  console.log(`  check: the year's report totals equal plain sums over the ledger (${expected.length} currencies)`);
}

async function main(): Promise<void> {
  const reuse = process.env.BENCH_DATABASE_URL;
  const db = reuse ? { url: reuse, drop: async () => undefined } : await createTestDatabase('bench_finance');
  const keep = Boolean(reuse) || process.env.BENCH_KEEP === '1';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-bench-finance-'));
  const pool = new Pool({ connectionString: db.url, max: 2 });
  let app: Awaited<ReturnType<typeof listenReportsApp>>['app'] | undefined;
  try {
    const { rows } = reuse ? await pool.query<{ n: string }>('SELECT count(*) AS n FROM finance.refunds') : { rows: [{ n: String(REFUNDS) }] };
    console.log(`finance report bench: ${rows[0].n} refunds over ${BENCH_YEAR.from}..${BENCH_YEAR.to}, ${os.cpus().length} CPUs, ${REQUESTS} requests per scenario`);
    if (!reuse) {
      await runMigrations(pool, [...eventStoreMigrations, ...migrationsFor([financeProjection])]);
      await fillFinanceTables(pool, REFUNDS, console.log);
    }
    const config = loadConfig({ DATABASE_URL: db.url, DATA_DIR: dataDir, API_TOKENS: `finance:${TOKEN}`, LOG_LEVEL: 'error' });
    const listening = await listenReportsApp(config);
    app = listening.app;
    await checkTotals(listening.url, pool);
    for (const concurrency of [1, 4]) {
      for (const scenario of SCENARIOS) console.log(await measure(listening.url, scenario, concurrency));
    }
  } finally {
    agent.destroy();
    await app?.close();
    await pool.end();
    if (keep) console.log(`kept: BENCH_DATABASE_URL=${db.url}`);
    else await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
