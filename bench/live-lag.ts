/**
 * Live lag: from a command's answer to its visibility through the read model, i.e. until
 * `GET /orders/{id}?minPosition=<the answer's position>` answers 200, under place-order load.
 *
 *   npm run bench:lag [-- --targets embedded,local --rate 1000 --seconds 15 --probes 25]
 *
 * Without --rate, the load is the place-order section's max sustained rate for the same target
 * (the "place-order load"), or 500/s when that section has none.
 *
 * Per target: the service, a warm-up, then (a) probes alone (idle service) and (b) probes while
 * orders are placed open loop at `--rate`/s (lib/open-loop.ts: evenly spaced, latency from the
 * due time; see place-order.ts for why not autocannon's overallRate). A probe places its own order, then reads it
 * with the answer's minPosition over a keep-alive connection; probes start at `--probes`/s, each
 * independent (open loop). Also reported: the plain GET of a visible order (the read's own cost).
 * Writes the "Live lag" section of docs/benchmarks.md.
 */
import { parseArgs } from './lib/args';
import { startApp, TOKENS, sleep, type Target } from './lib/app';
import { drainProjections } from './lib/health';
import { Latency, round } from './lib/histogram';
import type { HttpClient } from './lib/http';
import { runLoad } from './lib/load';
import { runOpenLoop } from './lib/open-loop';
import { loadAverage, postgresVersion, uptime } from './lib/machine';
import { placeOrderBody, placeOrderTemplate, runId } from './lib/orders';
import { fmt, readResults, table } from './lib/report';
import { runPerTarget } from './lib/per-target';

const args = parseArgs(process.argv.slice(2), { targets: 'embedded,local', rate: 0, seconds: 15, probes: 25, write: true });

/** The rate to load with: --rate, else the best sustained place-order rate measured for this target, else 500/s. */
function loadRate(target: Target): { rate: number; source: string } {
  if (args.rate > 0) return { rate: args.rate, source: '--rate' };
  const place = (readResults().place ?? []) as Array<{ target: string; maxSustained: number | null }>;
  const sustained = place.find((p) => p.target === target)?.maxSustained;
  return sustained ? { rate: sustained, source: 'the max sustained place-order rate' } : { rate: 500, source: 'default (no sustained place-order rate measured)' };
}

interface Background {
  throughput: number;
  p99: number;
  failed: number;
}

interface Probes {
  lag: Latency;
  command: Latency;
  plainRead: Latency;
  failed: number;
}

async function probe(http: HttpClient, orderId: string, n: number, into: Probes): Promise<void> {
  const placed = await http.request('POST', '/orders', placeOrderBody(orderId, n));
  if (placed.status !== 201) {
    into.failed += 1;
    return;
  }
  into.command.record(placed.ms);
  const answered = process.hrtime.bigint();
  const { position } = JSON.parse(placed.body) as { position: string };
  const read = await http.request('GET', `/orders/${orderId}?minPosition=${encodeURIComponent(position)}`);
  if (read.status !== 200) {
    into.failed += 1;
    return;
  }
  into.lag.record(Number(process.hrtime.bigint() - answered) / 1e6);
  const plain = await http.request('GET', `/orders/${orderId}`);
  if (plain.status === 200) into.plainRead.record(plain.ms);
}

/** Probes at a fixed start rate for `seconds` (bounded: at most 4 × rate × seconds in flight overall). */
async function runProbes(http: HttpClient, prefix: string, seconds: number, perSecond: number): Promise<Probes> {
  const into: Probes = { lag: new Latency(), command: new Latency(), plainRead: new Latency(), failed: 0 };
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  const total = Math.round(seconds * perSecond);
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / perSecond;
    if (due > Date.now()) await sleep(due - Date.now());
    if (inFlight.size >= 4 * perSecond * seconds) break;
    const p = probe(http, `${prefix}-${i}`, i, into).catch(() => void (into.failed += 1));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
  return into;
}

interface TargetResult {
  target: Target;
  rate: number;
  rateSource: string;
  postgres: string;
  idle: ReturnType<typeof summary>;
  loaded: ReturnType<typeof summary>;
  load: Background;
}

function summary(p: Probes) {
  return { lag: p.lag.summary(), command: p.command.summary(), plainRead: p.plainRead.summary(), failed: p.failed };
}

async function benchTarget(target: Target): Promise<TargetResult> {
  console.log(`\n[${target}] starting the service (${uptime()})`);
  const app = await startApp({ target, label: 'bench_lag' });
  try {
    const postgres = await postgresVersion(app.databaseUrl);
    const id = runId();
    const template = placeOrderTemplate();
    const counter = { n: 0 };
    await runLoad({ url: app.url, token: TOKENS.service, path: () => '/orders', body: (n) => template(`${id}-w${n}`, n), connections: 16, seconds: 5, counter });
    await drainProjections(app.http, 60_000);
    await runProbes(app.http, `${id}-pw`, 2, args.probes);

    const idle = await runProbes(app.http, `${id}-pi`, Math.min(10, args.seconds), args.probes);
    console.log(`[${target}] idle: lag p50 ${round(idle.lag.p(50))} ms, p99 ${round(idle.lag.p(99))} ms (${idle.lag.count} probes)`);
    await drainProjections(app.http, 60_000);

    const { rate, source } = loadRate(target);
    const background = runOpenLoop(app.http, { rate, seconds: args.seconds + 2, counter, request: (n) => ({ method: 'POST', path: '/orders', body: placeOrderBody(`${id}-${n}`, n) }) });
    await sleep(1_000);
    const loaded = await runProbes(app.http, `${id}-pl`, args.seconds, args.probes);
    const done = await background;
    const load: Background = { throughput: done.throughput, p99: round(done.latency.p(99)), failed: done.failed + done.dropped };
    console.log(`[${target}] under ${rate}/s (${source}; answered ${load.throughput}/s, p99 ${load.p99} ms): lag p50 ${round(loaded.lag.p(50))} ms, p99 ${round(loaded.lag.p(99))} ms (${loaded.lag.count} probes, ${loaded.failed} failed) (load ${loadAverage()})`);
    return { target, rate, rateSource: source, postgres, idle: summary(idle), loaded: summary(loaded), load };
  } finally {
    await app.stop();
  }
}

function render(results: TargetResult[]): string {
  const parts = [`Lag = from a command's answer (\`POST /orders\`) to the 200 of \`GET /orders/{id}?minPosition=<its position>\`, which waits for the order-status read model. The read's own round trip is shown beside it (a plain GET of a visible order). Probes start at ${args.probes}/s, open loop, each on its own order; "loaded" adds orders placed open loop (evenly spaced, keep-alive, one request per socket at a time) for ${args.seconds} s, at the rate shown: by default the place-order section's max sustained rate for the same database (the place-order load the service sustains). No target was set; MODE=all (projector in the service process).`];
  for (const r of results) {
    parts.push(`### ${r.target === 'embedded' ? 'Embedded PostgreSQL' : "The machine's PostgreSQL"} (${r.postgres})`);
    const rows = [['idle', r.idle], [`under ${fmt(r.rate)}/s place order (${r.rateSource}; answered ${fmt(r.load.throughput)}/s, p99 ${r.load.p99} ms)`, r.loaded]] as const;
    parts.push(table(
      ['', 'probes', 'lag p50 ms', 'lag p99 ms', 'lag max ms', 'plain GET p50 ms', 'plain GET p99 ms', 'probe command p99 ms', 'failed'],
      rows.map(([name, s]) => [name, s.lag.count, s.lag.p50, s.lag.p99, s.lag.max, s.plainRead.p50, s.plainRead.p99, s.command.p99, s.failed]),
    ));
  }
  return parts.join('\n\n');
}

runPerTarget({
  section: 'lag',
  title: 'Live lag (command answered → visible in GET /orders/{id}?minPosition=)',
  script: 'bench:lag',
  targets: args.targets,
  write: args.write,
  deadlineMs: 10 * 60_000,
  measure: benchTarget,
  render,
  result: (results) => results.map((r) => ({ target: r.target, rate: r.rate, answered: r.load.throughput, idle: { p50: r.idle.lag.p50, p99: r.idle.lag.p99 }, loaded: { p50: r.loaded.lag.p50, p99: r.loaded.lag.p99 } })),
});
