/**
 * Soak: the service as `npm start` runs it (MODE=all: API, projector and SLA scheduler, on its
 * embedded PostgreSQL) under a steady open-loop load of order lifecycles for a long time, to see
 * whether anything grows or slows: memory, event-loop delay, latency, projection lag.
 *
 *   npm run bench:soak [-- --minutes 20 --rate 0 --load 0.5 --concurrency 20 --saturation-seconds 15 --write true]
 *
 * `--rate` commands/s to offer; 0: measure the saturation first (a closed loop of
 * `--concurrency` orders in flight for `--saturation-seconds`) and offer `--load` × that. Then,
 * minute by minute: an open loop at that rate (new orders at rate ÷ 10 per second, each order's
 * 10 commands in sequence, bench/lib/lifecycle-load.ts), and at the end of each minute the
 * service's resident memory (/proc/<pid>/status VmRSS), its heap and the event-loop delay of
 * that minute (its /metrics: prom-client's monitorEventLoopDelay, reset at each scrape, and we
 * are the only scraper), the PostgreSQL server's memory (PSS of the postmaster and its children,
 * shared buffers counted once), the projections' lag, and the minute's latency percentiles.
 * Writes the curve into docs/reliability.md ("Soak"), with the machine's load average.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startApp, TOKENS } from './lib/app';
import { parseArgs } from './lib/args';
import { runMain } from './lib/cleanup';
import { postgresTargetOf } from './lib/cpu-usage';
import { drainProjections, projectionLag } from './lib/health';
import { round } from './lib/histogram';
import type { HttpClient } from './lib/http';
import { closedLoop, openLoop } from './lib/lifecycle-load';
import { loadAverage, machineLine, now, postgresVersion } from './lib/machine';
import { runId } from './lib/orders';
import { fmt, table } from './lib/report';

const args = parseArgs(process.argv.slice(2), { minutes: 20, rate: 0, load: 0.5, concurrency: 20, saturationSeconds: 15, write: true });
const DOC = path.resolve(__dirname, '../docs/reliability.md');
const START = '<!-- soak:start (written by npm run bench:soak) -->';
const END = '<!-- soak:end -->';

interface Minute {
  minute: number;
  commandsPerSecond: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
  rssMb: number;
  heapMb: number;
  loopP99Ms: number;
  loopMaxMs: number;
  postgresMb: number;
  lag: number;
  load1: number;
}

const MB = 1024 * 1024;

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}

/** PSS of a process and its descendants: shared pages (PostgreSQL's shared buffers) counted once overall. */
function treePss(root: number): number {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* gone meanwhile */
    }
  }
  let total = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    try {
      total += Number(/^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      /* gone meanwhile */
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** The values of one metric (all label sets) in Prometheus text. */
function metric(text: string, name: string): number[] {
  const re = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm');
  return [...text.matchAll(re)].map((m) => Number(m[1]));
}

/** /metrics on the main port takes an admin token (docs/operations.md "Access to operational endpoints"). */
async function scrape(http: HttpClient): Promise<string> {
  const res = await http.withToken(TOKENS.admin).request('GET', '/metrics', undefined, { timeoutMs: 30_000 });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return res.body;
}

const load1 = (): number => Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

runMain(async () => {
  const app = await startApp({ target: 'embedded', label: 'bench_soak' });
  try {
    const started = now();
    const loadBefore = loadAverage();
    const postgres = await postgresVersion(app.databaseUrl);
    const postmaster = (await postgresTargetOf(app.databaseUrl)).postmasterPid;
    const id = runId();
    const counter = { n: 0 };
    let rate = args.rate;
    let saturation: number | null = null;
    if (!rate) {
      await closedLoop(app.http, `${id}-w`, 4, args.concurrency, counter);
      await drainProjections(app.http, 60_000);
      const sat = await closedLoop(app.http, `${id}-s`, args.saturationSeconds, args.concurrency, counter);
      saturation = Math.round(sat.commands / sat.seconds);
      rate = Math.max(10, Math.round((saturation * args.load) / 10) * 10);
      console.log(`saturation: ${saturation} commands/s (closed loop, ${args.concurrency} orders in flight, p99 ${round(sat.overall.p(99))} ms); soaking at ${rate} commands/s`);
      await drainProjections(app.http, 120_000);
    }
    await scrape(app.http); // resets the event-loop histogram: minute 1 starts clean

    const minutes: Minute[] = [];
    let died: string | null = null;
    for (let m = 1; m <= args.minutes; m += 1) {
      const run = await openLoop(app.http, `${id}-m${m}`, 60, rate, counter);
      const text = await scrape(app.http).catch(async (error: Error) => {
        await new Promise((r) => setTimeout(r, 1000)); // let the exit, if any, be seen
        if (!app.exited()) throw error;
        return null;
      });
      if (text === null || app.exited()) {
        // A finding, not a bench failure: written down with what the service said last.
        died = `the service exited during minute ${m} (${JSON.stringify(app.exited())})`;
        console.error(`${died}; its last output:\n${app.output().slice(-5000)}`);
        break;
      }
      const minute: Minute = {
        minute: m,
        commandsPerSecond: Math.round(run.commands / run.seconds),
        failed: run.failed,
        p50: round(run.overall.p(50)),
        p99: round(run.overall.p(99)),
        max: round(run.overall.max),
        rssMb: round(rssOf(app.pid) / MB),
        heapMb: round((metric(text, 'nodejs_heap_size_used_bytes')[0] ?? 0) / MB),
        loopP99Ms: round((metric(text, 'nodejs_eventloop_lag_p99_seconds')[0] ?? 0) * 1000),
        loopMaxMs: round((metric(text, 'nodejs_eventloop_lag_max_seconds')[0] ?? 0) * 1000),
        postgresMb: round(treePss(postmaster) / MB),
        lag: await projectionLag(app.http),
        load1: load1(),
      };
      minutes.push(minute);
      console.log(`minute ${m}: ${minute.commandsPerSecond} commands/s, p50 ${minute.p50} ms, p99 ${minute.p99} ms, failed ${minute.failed}, RSS ${minute.rssMb} MB, heap ${minute.heapMb} MB, event loop p99 ${minute.loopP99Ms} ms (max ${minute.loopMaxMs}), postgres ${minute.postgresMb} MB, lag ${minute.lag}, load ${minute.load1}`);
    }
    const body = render({ started, loadBefore, loadAfter: loadAverage(), postgres, rate, saturation, minutes, died });
    console.log(`\n${body}`);
    if (args.write) writeSoak(body);
  } finally {
    await app.stop();
  }
}, (args.minutes + 15) * 60_000);

function render(r: { started: string; loadBefore: string; loadAfter: string; postgres: string; rate: number; saturation: number | null; minutes: Minute[]; died: string | null }): string {
  const cli = process.argv.slice(2);
  return [
    `${START}`,
    `\`npm run bench:soak${cli.length ? ` -- ${cli.join(' ')}` : ''}\`, ${r.started}: ${r.minutes.length} minutes at ${fmt(r.rate)} commands/s`
      + (r.saturation ? ` (${args.load} × the ${fmt(r.saturation)} commands/s measured at saturation just before)` : ' (given)')
      + `, MODE=all on the embedded ${r.postgres}. ${machineLine()}. Load average before ${r.loadBefore}, after ${r.loadAfter} (the machine is shared: other engineers' tests ran meanwhile).`,
    table(
      ['minute', 'commands/s', 'failed', 'p50 ms', 'p99 ms', 'max ms', 'service RSS MB', 'heap used MB', 'event loop p99 ms', 'event loop max ms', 'PostgreSQL PSS MB', 'projection lag', 'load (1 min)'],
      r.minutes.map((m) => [m.minute, fmt(m.commandsPerSecond), m.failed, m.p50, m.p99, m.max, m.rssMb, m.heapMb, m.loopP99Ms, m.loopMaxMs, m.postgresMb, m.lag, m.load1]),
    ),
    ...(r.died ? [`**Stopped early: ${r.died}.**`] : []),
    END,
  ].join('\n\n');
}

function writeSoak(body: string): void {
  const doc = fs.readFileSync(DOC, 'utf8');
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/reliability.md has no soak markers (${START} … ${END})`);
  fs.writeFileSync(DOC, doc.slice(0, a) + body + doc.slice(b + END.length));
  console.log('docs/reliability.md: soak section written');
}
