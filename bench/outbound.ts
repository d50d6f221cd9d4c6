/**
 * Outbound delivery (docs/outbound.md), two figures:
 *
 *   npm run bench:outbound [-- --rates 50,100,200 --seconds 30 --events 1000000 --parts lag,catchup]
 *
 * 1. Delivery lag under a steady place-order load: the service (MODE=all, the machine's
 *    PostgreSQL, a fresh database) with one webhook subscription to a receiver in this process;
 *    orders placed open loop at each of --rates per second for --seconds (a fresh service for
 *    each rate, so one rate's backlog does not leak into the next). Lag = from the moment this process has
 *    the 201 of `POST /orders` to the moment the receiver has that order's OrderPlaced (same
 *    process, same monotonic clock). It can be slightly negative: delivery may beat the answer
 *    back through this busy process.
 * 2. Catch-up: a log of --events events (realistic order lifecycles, appended through the
 *    EventStore port, business time near now, not measured), the service started on it and its
 *    read models caught up, then a new subscription with startFrom "beginning": events/s from
 *    its creation until the receiver holds every event the log had then.
 * Both check every event arrived, the per-order order, and count duplicates.
 * Writes the "Outbound delivery" section of docs/benchmarks.md.
 */
import { createTestDatabase } from '@app/harness/test-database';
import { parseArgs, list, numbers } from './lib/args';
import { startApp, TOKENS, sleep, waitForProjections, type RunningApp } from './lib/app';
import { onCleanup, runMain } from './lib/cleanup';
import { Latency, round } from './lib/histogram';
import { loadAverage, postgresVersion, uptime } from './lib/machine';
import { placeOrderBody, runId } from './lib/orders';
import { fmt, table, writeSection } from './lib/report';
import { seedViaStore } from './lib/seed';
import { startBenchReceiver, type BenchReceiver } from './lib/webhook-receiver';
import { loadProfile, summarise } from './lib/cpuprofile';

const args = parseArgs(process.argv.slice(2), { rates: '50,100,200', seconds: 30, events: 1_000_000, parts: 'lag,catchup', write: true, profile: '' });

interface LagResult {
  rate: number;
  seconds: number;
  placed: number;
  failed: number;
  answeredPerSecond: number;
  command: ReturnType<Latency['summary']>;
  lag: ReturnType<Latency['summary']>;
  negative: number;
  missing: number;
  duplicates: number;
  outOfOrder: number;
}

interface CatchUpResult {
  events: number;
  orders: number;
  seedSeconds: number;
  projectionsSeconds: number;
  firstEventMs: number;
  seconds: number;
  eventsPerSecond: number;
  duplicates: number;
  outOfOrder: number;
}

async function subscribe(app: RunningApp, receiver: BenchReceiver, subscriptionId: string, startFrom: 'now' | 'beginning'): Promise<void> {
  const res = await app.http.withToken(TOKENS.admin).request('POST', '/subscriptions', { subscriptionId, sink: { type: 'webhook', url: receiver.url }, startFrom });
  if (res.status !== 201) throw new Error(`POST /subscriptions answered ${res.status}: ${res.body}`);
}

async function waitFor(what: string, done: () => boolean, timeoutMs: number, progress?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastPrint = Date.now();
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}: not done within ${timeoutMs} ms${progress ? ` (${progress()})` : ''}`);
    if (progress && Date.now() - lastPrint > 10_000) {
      lastPrint = Date.now();
      console.log(`  ${progress()}`);
    }
    await sleep(20);
  }
}

async function measureLag(rate: number, postgres: { version?: string }): Promise<LagResult> {
  console.log(`\n[lag] ${rate}/s: starting the service (${uptime()})`);
  const app = await startApp({ target: 'local', label: 'bench_outbound_lag' });
  const receiver = await startBenchReceiver();
  try {
    postgres.version = await postgresVersion(app.databaseUrl);
    await subscribe(app, receiver, 'bench-lag', 'now');
    const id = runId();
    // Warm-up: the JIT, the pools, the receiver's sockets.
    for (let i = 0; i < 200; i += 1) await app.http.request('POST', '/orders', placeOrderBody(`${id}-w${i}`, i));
    await waitFor('warm-up delivered', () => receiver.distinct >= 200, 60_000);

    const answered = new Map<string, number>();
    const command = new Latency();
    let failed = 0;
    const total = Math.round(rate * args.seconds);
    const inFlight = new Set<Promise<void>>();
    const started = performance.now();
    for (let i = 0; i < total; i += 1) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const orderId = `${id}-${i}`;
      const p = app.http.request('POST', '/orders', placeOrderBody(orderId, i), { timeoutMs: 30_000 }).then(
        (res) => {
          if (res.status !== 201) return void (failed += 1);
          const now = performance.now();
          answered.set(`${orderId}`, now);
          command.record(now - due);
        },
        () => void (failed += 1),
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    await Promise.all(inFlight);
    const answeredPerSecond = Math.round(answered.size / ((performance.now() - started) / 1000));
    await waitFor('every placed order delivered', () => [...answered.keys()].every((o) => receiver.firstArrival.has(o)), 120_000, () => `${receiver.distinct} delivered`);

    const lag = new Latency();
    let negative = 0;
    let missing = 0;
    for (const [orderId, at] of answered) {
      const arrived = receiver.firstArrival.get(orderId);
      if (arrived === undefined) missing += 1;
      else if (arrived < at) negative += 1;
      else lag.record(arrived - at);
    }
    const result: LagResult = {
      rate, seconds: args.seconds, placed: answered.size, failed, answeredPerSecond,
      command: command.summary(), lag: lag.summary(), negative, missing, duplicates: receiver.duplicates, outOfOrder: receiver.outOfOrder,
    };
    console.log(`[lag] ${answered.size} orders at ${rate}/s: delivery lag p50 ${result.lag.p50} ms, p99 ${result.lag.p99} ms, max ${result.lag.max} ms (${negative} before the answer) (load ${loadAverage()})`);
    return result;
  } finally {
    await receiver.close();
    await app.stop();
  }
}

async function measureCatchUp(): Promise<CatchUpResult> {
  console.log(`\n[catch-up] filling a log of ${fmt(args.events)} events (${uptime()})`);
  const db = await createTestDatabase('bench_outbound_catchup');
  onCleanup(`database ${db.url}`, () => db.drop());
  // Filling the log is not what is measured: no flush per commit while filling it.
  const fillUrl = `${db.url}${db.url.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c synchronous_commit=off')}`;
  const seedStarted = Date.now();
  const id = runId();
  let events = 0;
  let orders = 0;
  for (let round = 0; events < args.events; round += 1) {
    // About 12 events per order in these lifecycles; a last round tops up.
    const seeded = await seedViaStore(fillUrl, {
      orders: Math.max(100, Math.ceil((args.events - events) / 12)), concurrency: 16, prefix: `${id}r${round}`,
      onProgress: (n) => (n % 50_000 < 20 ? console.log(`  appending: ${fmt(events + n)} events`) : undefined),
    });
    events += seeded.events;
    orders += seeded.orders;
  }
  const seedSeconds = round((Date.now() - seedStarted) / 1000);
  console.log(`[catch-up] ${fmt(events)} events of ${fmt(orders)} orders appended in ${seedSeconds} s`);

  const app = await startApp({ target: 'local', label: 'bench_outbound_catchup', databaseUrl: db.url, profile: Boolean(args.profile) });
  const receiver = await startBenchReceiver();
  try {
    const projectionsStarted = Date.now();
    await waitForProjections(app.http, 30 * 60_000);
    const projectionsSeconds = round((Date.now() - projectionsStarted) / 1000);
    console.log(`[catch-up] read models caught up in ${projectionsSeconds} s; subscribing from the beginning (load ${loadAverage()})`);
    const { rows } = await pgCount(app.databaseUrl);
    const inLog = rows;
    // --profile <file>: the service's CPU profile of the delivery alone (samples before are dropped).
    if (args.profile) await app.cpuProfile(`${args.profile}.before`);
    const started = performance.now();
    await subscribe(app, receiver, 'bench-catch-up', 'beginning');
    await waitFor('the first event', () => receiver.distinct > 0, 60_000);
    const firstEventMs = round(performance.now() - started);
    await waitFor('every event of the log delivered', () => receiver.distinct >= inLog, 60 * 60_000, () => `${fmt(receiver.distinct)} of ${fmt(inLog)} delivered (load ${loadAverage()})`);
    const seconds = (performance.now() - started) / 1000;
    if (args.profile) {
      await app.cpuProfile(args.profile);
      const summary = summarise(loadProfile(args.profile), 30);
      console.log(`[catch-up] service CPU profile ${args.profile}: busy ${summary.busyPercent} %`);
      for (const o of summary.byOrigin) console.log(`  ${o.origin}: ${o.percent} %`);
      for (const f of summary.byFunction) console.log(`  ${f.fn}: ${f.percent} %`);
    }
    const result: CatchUpResult = {
      events: inLog, orders, seedSeconds, projectionsSeconds, firstEventMs, seconds: round(seconds), eventsPerSecond: Math.round(inLog / seconds),
      duplicates: receiver.duplicates, outOfOrder: receiver.outOfOrder,
    };
    console.log(`[catch-up] ${fmt(inLog)} events delivered in ${result.seconds} s = ${fmt(result.eventsPerSecond)} events/s (load ${loadAverage()})`);
    return result;
  } finally {
    await receiver.close();
    await app.stop();
  }
}

/** Events in the log when the subscription is made (the scheduler may add a few later; those are not waited for). */
async function pgCount(databaseUrl: string): Promise<{ rows: number }> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const res = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
    return { rows: Number(res.rows[0].n) };
  } finally {
    await client.end();
  }
}

function render(lags: LagResult[], catchUp: CatchUpResult | null): string {
  const parts: string[] = [];
  if (lags.length) {
    parts.push(`Delivery lag: from the 201 of \`POST /orders\` (as the load generator receives it) to the arrival of that order's \`OrderPlaced\` at a webhook receiver on 127.0.0.1 (same process and clock as the generator), MODE=all on the machine's PostgreSQL, one webhook subscription (all event types, Standard Webhooks signature), orders placed open loop at each rate for ${lags[0].seconds} s, a fresh service per rate. Where delivery keeps up, the lag is flat; where it does not, the backlog grows through the run and the lag with it (the p50 is then about half the run).`);
    parts.push(table(
      ['offered/s', 'orders', 'answered/s', 'command p50 ms', 'command p99 ms', 'lag p50 ms', 'lag p90 ms', 'lag p99 ms', 'lag max ms', 'delivered before the answer', 'missing', 'duplicates', 'out of order', 'failed commands'],
      lags.map((lag) => [lag.rate, lag.placed, lag.answeredPerSecond, lag.command.p50, lag.command.p99, lag.lag.p50, lag.lag.p90, lag.lag.p99, lag.lag.max, lag.negative, lag.missing, lag.duplicates, lag.outOfOrder, lag.failed]),
    ));
  }
  if (catchUp) {
    parts.push(`Catch-up: a new webhook subscription with \`startFrom: "beginning"\` on a log of ${fmt(catchUp.events)} events (${fmt(catchUp.orders)} orders, appended through the store port in ${catchUp.seedSeconds} s, not measured); the service (MODE=all) had caught its read models up first (${catchUp.projectionsSeconds} s), so delivery ran alone. Measured from the 201 of \`POST /subscriptions\` until the receiver held every event of the log.`);
    parts.push(table(
      ['events', 'first event after ms', 'seconds', 'events/s', 'duplicates', 'out of order'],
      [[catchUp.events, catchUp.firstEventMs, catchUp.seconds, catchUp.eventsPerSecond, catchUp.duplicates, catchUp.outOfOrder]],
    ));
  }
  return parts.join('\n\n');
}

runMain(async () => {
  const before = loadAverage();
  const parts = list(args.parts);
  const postgres: { version?: string } = {};
  const lags: LagResult[] = [];
  if (parts.includes('lag')) for (const rate of numbers(args.rates)) lags.push(await measureLag(rate, postgres));
  const catchUp = parts.includes('catchup') ? await measureCatchUp() : null;
  const after = loadAverage();
  const body = render(lags, catchUp);
  console.log(`\n${body}`);
  if (!args.write) return;
  writeSection('outbound', {
    title: 'Outbound delivery (webhook lag under load, catch-up of a new subscription)',
    command: `npm run bench:outbound${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    body,
    ...(postgres.version ? { postgres: { local: postgres.version } } : {}),
    load: { before, after },
    result: { lag: lags.map((lag) => ({ rate: lag.rate, p50: lag.lag.p50, p99: lag.lag.p99 })), catchUp: catchUp && { events: catchUp.events, eventsPerSecond: catchUp.eventsPerSecond } },
  });
}, 90 * 60_000);
