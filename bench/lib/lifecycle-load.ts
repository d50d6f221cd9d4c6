/**
 * Order lifecycles over HTTP (bench/lib/orders.ts `lifecycle`: 10 commands per order), one
 * command in flight per order, keep-alive connections: a closed loop (a fixed number of orders in
 * flight: throughput at saturation) and an open loop (new orders started at a fixed rate, each
 * order's commands in sequence: latency at a given offered load). Used by bench:mixed and bench:soak.
 */
import { sleep } from './app';
import type { CpuSample } from './cpu-usage';
import { Latency } from './histogram';
import type { HttpClient } from './http';
import { lifecycle } from './orders';

export const STEPS = ['place', 'pay', 'ship', 'deliver', 'return', 'approve', 'dispatch', 'receive', 'refund'];

export interface Run {
  seconds: number;
  commands: number;
  orders: number;
  failed: number;
  statuses: Record<string, number>;
  overall: Latency;
  byStep: Map<string, Latency>;
  cpu?: CpuSample;
  offered?: number;
}

function newRun(): Run {
  return { seconds: 0, commands: 0, orders: 0, failed: 0, statuses: {}, overall: new Latency(), byStep: new Map(STEPS.map((s) => [s, new Latency()])) };
}

/** One order's whole story; answers false at the first failure (the rest would be refused). */
async function oneOrder(http: HttpClient, orderId: string, n: number, run: Run, until: number): Promise<void> {
  for (const step of lifecycle(orderId, n)) {
    if (Date.now() > until + 30_000) return; // bounded even when the service stalls
    let res;
    try {
      res = await http.request('POST', step.path, step.body, { timeoutMs: 30_000 });
    } catch {
      run.failed += 1;
      return;
    }
    run.statuses[res.status] = (run.statuses[res.status] ?? 0) + 1;
    if (res.status !== 201 && res.status !== 200) {
      run.failed += 1;
      return;
    }
    run.commands += 1;
    run.overall.record(res.ms);
    run.byStep.get(step.name)?.record(res.ms);
  }
  run.orders += 1;
}

export async function closedLoop(http: HttpClient, prefix: string, seconds: number, concurrency: number, counter: { n: number }): Promise<Run> {
  const run = newRun();
  const started = Date.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < until) {
      counter.n += 1;
      await oneOrder(http, `${prefix}-${counter.n}`, counter.n, run, until);
    }
  }));
  run.seconds = (Date.now() - started) / 1000;
  return run;
}

/** New orders at a fixed rate (commands/s ÷ 10), each order's commands in sequence; at most 2,000 orders in flight. */
export async function openLoop(http: HttpClient, prefix: string, seconds: number, commandsPerSecond: number, counter: { n: number }): Promise<Run> {
  const run = newRun();
  const commandsPerOrder = 10;
  const ordersPerSecond = commandsPerSecond / commandsPerOrder;
  const started = Date.now();
  const until = started + seconds * 1000;
  const inFlight = new Set<Promise<void>>();
  let commandsAtEnd = 0;
  for (let i = 0; Date.now() < until; i += 1) {
    const due = started + (i * 1000) / ordersPerSecond;
    if (due > until) break;
    if (due > Date.now()) await sleep(due - Date.now());
    if (inFlight.size >= 2_000) {
      run.failed += 1; // the service fell too far behind: counted, not queued without bound
      continue;
    }
    counter.n += 1;
    const p = oneOrder(http, `${prefix}-${counter.n}`, counter.n, run, until);
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  commandsAtEnd = run.commands;
  run.seconds = (Date.now() - started) / 1000;
  await Promise.all(inFlight); // the stories in flight finish (bounded by oneOrder's deadline)
  run.commands = commandsAtEnd; // throughput over the measured window only
  run.offered = commandsPerSecond;
  return run;
}

