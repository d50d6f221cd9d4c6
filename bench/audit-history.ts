/**
 * GET /orders/{orderId}/events of a 100-event order: target p99 < 10 ms at one connection.
 *   node -r ./harness/register-ts.js bench/audit-history.ts
 * The real app (the harness's child process, MODE=api) runs on a fresh database
 * of the machine's PostgreSQL (TEST_DATABASE_URL, as the tests use); the order is written through
 * HTTP like any other, so its personal data is sealed and every read decrypts it. autocannon
 * (-c 1, keep-alive) warms up first, then measures; latencies are taken per response, so p95 is
 * exact rather than autocannon's fixed percentiles. Env: BENCH_SECONDS (default 10).
 */
import os from 'node:os';
import { DEFAULT_TOTAL, orderBody } from '@app/harness';
import { createTestDatabase } from '@app/harness/test-database';
import { buildOnce, startChildApp, type ChildApp } from '@app/harness/child-process-app';
import { TOKENS } from '@app/harness/tokens';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;
const TARGET_P99_MS = 10;
const SERVICE = TOKENS.service;
const AUDITOR = TOKENS.auditor;

interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p97_5: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
// autocannon ships no types; this is the little of its API used here.
const autocannon = require('autocannon') as Autocannon;

async function post(url: string, body: unknown): Promise<{ orderId: string; revision: number }> {
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${SERVICE}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { orderId: string; revision: number };
}

/** Placed, paid, shipped, delivered (5 events), then complaints opened, answered and resolved up to 100 events. */
async function hundredEventOrder(base: string): Promise<string> {
  const body = orderBody();
  const orderId = String(body.orderId);
  const o = `${base}/orders/${orderId}`;
  await post(`${base}/orders`, body);
  await post(`${o}/payment/confirm`, { transactionId: 'tx-1', amount: DEFAULT_TOTAL });
  await post(`${o}/shipments`, { shipmentId: 's-1', lineIds: ['1', '2'], carrier: 'UPS', trackingNumber: 'T1' });
  await post(`${o}/lines/1/delivered`, {});
  let revision = (await post(`${o}/lines/2/delivered`, {})).revision;
  for (let k = 1; revision < 99; k += 1) {
    revision = (await post(`${o}/complaints`, { complaintId: `cmp-${k}`, category: 'service', message: 'Where is my invoice?' })).revision;
    if (revision < 99) revision = (await post(`${o}/complaints/cmp-${k}/respond`, { message: 'Sent again.' })).revision;
    if (revision < 99) revision = (await post(`${o}/complaints/cmp-${k}/resolve`, { resolution: 'invoice sent' })).revision;
  }
  return orderId;
}

function load(url: string, headers: Record<string, string>, seconds: number): Promise<{ result: AutocannonResult; latencies: number[] }> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: 1, pipelining: 1, duration: seconds, headers }, (error, result) => (error ? reject(error) : resolve({ result, latencies })));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status === 200) latencies.push(ms);
    });
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function scenario(name: string, url: string, headers: Record<string, string>): Promise<number> {
  await load(url, headers, WARM_UP_SECONDS);
  const { result, latencies } = await load(url, headers, SECONDS);
  if (result.non2xx || result.errors) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  latencies.sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(latencies, p));
  const f = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(`${name.padEnd(28)} p50 ${f(p50)}  p95 ${f(p95)}  p99 ${f(p99)}  max ${f(latencies[latencies.length - 1])}  ${result.requests.average.toFixed(0)} req/s  (${latencies.length} requests)`);
  console.log(`${''.padEnd(28)} autocannon's own: p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms`);
  return p99;
}

async function main(): Promise<void> {
  const db = await createTestDatabase('bench_audit');
  let app: ChildApp | undefined;
  try {
    await buildOnce();
    app = await startChildApp({ databaseUrl: db.url, env: { MODE: 'api', LOG_LEVEL: 'error' } });
    const orderId = await hundredEventOrder(app.url);
    const url = `${app.url}/orders/${orderId}/events`;
    const check = (await (await fetch(url, { headers: { authorization: `Bearer ${AUDITOR}` } })).json()) as { events: unknown[] };
    if (check.events.length !== 100) throw new Error(`expected 100 events, the history has ${check.events.length}`);
    console.log(`audit history bench: order ${orderId}, 100 events, ${os.cpus().length} CPUs, -c 1, ${WARM_UP_SECONDS} s warm-up then ${SECONDS} s`);
    const auth = { authorization: `Bearer ${AUDITOR}` };
    const p99 = await scenario('GET /events (JSON)', url, auth);
    await scenario('GET /events (NDJSON)', url, { ...auth, accept: 'application/x-ndjson' });
    console.log(p99 < TARGET_P99_MS ? `PASS: JSON p99 ${p99.toFixed(2)} ms < ${TARGET_P99_MS} ms` : `FAIL: JSON p99 ${p99.toFixed(2)} ms >= ${TARGET_P99_MS} ms`);
    if (p99 >= TARGET_P99_MS) process.exitCode = 1;
  } finally {
    await app?.stop();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
