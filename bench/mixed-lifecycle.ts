/**
 * Mixed lifecycle over HTTP: many orders, each taken through place → pay → ship → deliver (each
 * line) → return → approve → dispatch → receive → refund (10 commands), one command at a time
 * per order (the next is sent when the previous is answered), keep-alive connections.
 *
 *   npm run bench:mixed [-- --targets embedded,local --concurrency 20 --seconds 15 --seed-orders 2000]
 *
 * Per target: seed `--seed-orders` realistic orders through the event store port (so the tables
 * and indexes are not empty) and let the projections catch up; warm-up; a closed-loop run with
 * `--concurrency` orders in flight (throughput at saturation); then open loop at `--load` × that
 * throughput (new orders started at a fixed rate, each order's commands in sequence), where p99
 * is read. Percentiles with hdr-histogram-js. Writes the "Mixed lifecycle" section.
 */
import { parseArgs } from './lib/args';
import { startApp, sleep, type Target } from './lib/app';
import { measureCpu, postgresTargetOf, type CpuSample } from './lib/cpu-usage';
import { drainProjections } from './lib/health';
import { round } from './lib/histogram';
import { closedLoop, openLoop, STEPS, type Run } from './lib/lifecycle-load';
import { loadAverage, postgresVersion, uptime } from './lib/machine';
import { runId } from './lib/orders';
import { fmt, table } from './lib/report';
import { runPerTarget } from './lib/per-target';
import { seedViaStore } from './lib/seed';

const args = parseArgs(process.argv.slice(2), { targets: 'embedded,local', concurrency: 20, seconds: 15, warmupSeconds: 4, load: 0.7, seedOrders: 2000, write: true });

interface TargetResult {
  target: Target;
  postgres: string;
  seeded: { orders: number; events: number; seconds: number };
  saturation: Run;
  open: Run;
}

async function benchTarget(target: Target): Promise<TargetResult> {
  console.log(`\n[${target}] starting the service (${uptime()})`);
  const app = await startApp({ target, label: 'bench_mixed' });
  try {
    const postgres = await postgresVersion(app.databaseUrl);
    const id = runId();
    const seeded = args.seedOrders > 0 ? await seedViaStore(app.databaseUrl, { orders: args.seedOrders, concurrency: 16, prefix: `seed-${id}` }) : { orders: 0, events: 0, seconds: 0 };
    if (args.seedOrders > 0) console.log(`[${target}] seeded ${fmt(seeded.orders)} orders (${fmt(seeded.events)} events) through the store in ${seeded.seconds} s`);
    const drained = await drainProjections(app.http, 300_000);
    console.log(`[${target}] projections caught up in ${drained} ms`);
    const counter = { n: 0 };
    await closedLoop(app.http, `${id}-w`, args.warmupSeconds, args.concurrency, counter);
    await drainProjections(app.http, 60_000);

    const server = await postgresTargetOf(app.databaseUrl);
    let cpu = measureCpu(app.pid, server);
    const saturation = await closedLoop(app.http, `${id}-s`, args.seconds, args.concurrency, counter);
    saturation.cpu = cpu();
    const satRate = saturation.commands / saturation.seconds;
    console.log(`[${target}] closed loop, ${args.concurrency} orders in flight: ${Math.round(satRate)} commands/s, p50 ${round(saturation.overall.p(50))} ms, p99 ${round(saturation.overall.p(99))} ms, failed ${saturation.failed} (CPU service ${saturation.cpu.app}, postgres ${saturation.cpu.postgres}, machine ${saturation.cpu.machine}; load ${loadAverage()})`);
    await drainProjections(app.http, 120_000);

    const rate = Math.max(10, Math.round((satRate * args.load) / 10) * 10);
    cpu = measureCpu(app.pid, server);
    const open = await openLoop(app.http, `${id}-o`, args.seconds, rate, counter);
    open.cpu = cpu();
    console.log(`[${target}] open loop at ${rate} commands/s: ${Math.round(open.commands / open.seconds)} commands/s, p50 ${round(open.overall.p(50))} ms, p99 ${round(open.overall.p(99))} ms, failed ${open.failed} (load ${loadAverage()})`);
    return { target, postgres, seeded, saturation, open };
  } finally {
    await app.stop();
  }
}

function render(results: TargetResult[]): string {
  const parts = [`Each order: ${STEPS.join(' → ')} (deliver once per line: 10 commands), one command in flight per order, keep-alive HTTP. *Closed loop*: ${args.concurrency} orders in flight, ${args.seconds} s (throughput at saturation). *Open loop*: new orders started at a fixed rate = ${args.load} × the closed-loop throughput ÷ 10, ${args.seconds} s (latency at a sustainable rate). Before measuring, ${fmt(args.seedOrders)} realistic orders are seeded through the event store port (bench/lib/seed.ts) and the projections catch up. Failed = a non-2xx answer or a transport error (that order's story stops).`];
  for (const r of results) {
    parts.push(`### ${r.target === 'embedded' ? 'Embedded PostgreSQL' : "The machine's PostgreSQL"} (${r.postgres})`);
    const row = (name: string, run: Run) => [name, fmt(Math.round(run.commands / run.seconds)), fmt(run.orders), round(run.overall.p(50)), round(run.overall.p(90)), round(run.overall.p(99)), round(run.overall.max), run.failed, run.cpu ? `${run.cpu.app} / ${run.cpu.postgres} / ${run.cpu.machine}` : ''];
    parts.push(table(['run', 'commands/s', 'orders done', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'failed', 'CPU service / postgres / machine'], [
      row(`closed loop, ${args.concurrency} in flight`, r.saturation),
      row(`open loop at ${fmt(r.open.offered ?? 0)} commands/s`, r.open),
    ]));
    parts.push(`p99 by command in the open-loop run: ${STEPS.map((s) => `${s} ${round(r.open.byStep.get(s)?.p(99) ?? 0)} ms`).join(', ')}.`);
  }
  return parts.join('\n\n');
}

runPerTarget({
  section: 'mixed',
  title: 'Mixed lifecycle',
  script: 'bench:mixed',
  targets: args.targets,
  write: args.write,
  deadlineMs: 15 * 60_000,
  measure: benchTarget,
  render,
  result: (results) => results.map((r) => ({
    target: r.target,
    saturation: Math.round(r.saturation.commands / r.saturation.seconds), saturationP99: round(r.saturation.overall.p(99)),
    openRate: r.open.offered, open: Math.round(r.open.commands / r.open.seconds), openP99: round(r.open.overall.p(99)), failed: r.saturation.failed + r.open.failed,
  })),
});
