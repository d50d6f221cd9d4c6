/**
 * The command path against the leanest correct write, side by side in one invocation, so the
 * figure is a ratio that survives this machine's drift through the day:
 *
 *   npm run bench:ratio [-- --seconds 10 --connections 32 --rounds 1]
 *
 * Targets, each on a fresh database of the machine's PostgreSQL, loaded by `wrk` (one thread,
 * a new order id per request) at `--connections` in flight: the reference server
 * (bench/reference/server.ts: bare Fastify, one INSERT per request), then the service in
 * MODE=api and MODE=all, each without and with an Idempotency-Key. The reference runs first and
 * last in each round; each service figure is divided by the mean of the two. Writes the
 * "Against the leanest correct write" section of docs/benchmarks.md.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase } from '@app/harness/test-database';
import { TOKENS } from '@app/harness/tokens';
import { parseArgs } from './lib/args';
import { buildOnce, freePort, startApp } from './lib/app';
import { onCleanup, runMain } from './lib/cleanup';
import { loadAverage } from './lib/machine';
import { placeOrderBody, runId } from './lib/orders';
import { fmt, table, writeSection } from './lib/report';
import { runWrk, wrkAvailable, type WrkResult } from './lib/wrk';

const args = parseArgs(process.argv.slice(2), { seconds: 10, warmupSeconds: 3, connections: 32, rounds: 1, write: true });
const MARKER = 'ORDERIDMARKER';
/** A one-line order: the reference and the service get the same body. */
const ONE_LINE = placeOrderBody(MARKER, 1);
const TEMPLATE = JSON.stringify({ ...ONE_LINE, lines: (ONE_LINE.lines as unknown[]).slice(0, 1) });

interface Row { target: string; result: WrkResult }

async function measure(target: string, url: string, token: string, idempotencyKey = false): Promise<Row> {
  const common = { url, token, bodyTemplate: TEMPLATE, connections: args.connections, idempotencyKey };
  await runWrk({ ...common, seconds: args.warmupSeconds, runId: `${runId()}w` });
  const result = await runWrk({ ...common, seconds: args.seconds, runId: runId() });
  console.log(`  ${target}: ${fmt(result.throughput)}/s p50 ${fmt(result.p50, 1)} ms p99 ${fmt(result.p99, 1)} ms (non-2xx ${result.non2xx}, socket errors ${result.socketErrors})`);
  return { target, result };
}

async function reference(): Promise<Row> {
  const db = await createTestDatabase('reference');
  const port = await freePort();
  const child = fork(path.join(__dirname, 'reference/server.ts'), [db.url, String(port)], {
    execArgv: ['-r', path.join(__dirname, '../harness/register-ts.js')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await db.drop();
  };
  const unregister = onCleanup('reference server', stop);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`reference server exited ${code}`)));
  });
  try {
    return await measure('reference (Fastify + one INSERT)', `http://127.0.0.1:${port}`, 'none');
  } finally {
    await stop();
    unregister();
  }
}

async function service(mode: 'api' | 'all', key: boolean): Promise<Row> {
  const app = await startApp({ target: 'local', env: { MODE: mode }, label: `ratio-${mode}` });
  try {
    return await measure(`service MODE=${mode}${key ? ', Idempotency-Key' : ''}`, app.url, TOKENS.service, key);
  } finally {
    await app.stop();
  }
}

runMain(async () => {
  if (!wrkAvailable()) throw new Error('wrk is not installed: apt-get install -y wrk');
  buildOnce();
  const loadBefore = loadAverage();
  const rows: Array<{ target: string; result: WrkResult; ratio: number }> = [];
  for (let round = 1; round <= args.rounds; round += 1) {
    console.log(`round ${round}`);
    const first = await reference();
    const services = [await service('api', false), await service('all', false), await service('api', true), await service('all', true)];
    const last = await reference();
    const base = (first.result.throughput + last.result.throughput) / 2;
    rows.push({ ...first, ratio: first.result.throughput / base });
    for (const s of services) rows.push({ ...s, ratio: s.result.throughput / base });
    rows.push({ ...last, ratio: last.result.throughput / base });
  }
  const body = [
    `wrk, 1 thread, ${args.connections} connections, ${args.seconds} s per target after ${args.warmupSeconds} s of warm-up; `
      + 'each request a new one-line `POST /orders` (a new order id, and a new key where named). Ratio: commands/s over the mean of the two reference runs of its round.',
    '',
    table(['target', 'commands/s', 'ratio', 'p50 ms', 'p99 ms', 'non-2xx'], rows.map((r) => [
      r.target, fmt(r.result.throughput), fmt(r.ratio, 2), fmt(r.result.p50, 1), fmt(r.result.p99, 1), r.result.non2xx,
    ])),
  ].join('\n');
  console.log(body);
  if (args.write) {
    writeSection('ratio', {
      title: 'Against the leanest correct write',
      body,
      load: { before: loadBefore, after: loadAverage() },
      result: rows.map((r) => ({ target: r.target, throughput: Math.round(r.result.throughput), ratio: Number(r.ratio.toFixed(3)), p99: r.result.p99 })),
      command: 'npm run bench:ratio',
    });
  }
}, 30 * 60_000);
