/**
 * Refund report latency, written into docs/benchmarks.md: runs bench/finance-report.ts (the
 * finance engineer's benchmark: 1,000,000 refunds over a year, reports through the real HTTP
 * stack, one request at a time then four at a time) and records its percentiles.
 *
 *   npm run bench:finance [-- --refunds 1000000 --requests 300 --max-seconds 420]
 */
import { parseArgs } from './lib/args';
import { runScript } from './lib/child';
import { runMain } from './lib/cleanup';
import { loadAverage, uptime } from './lib/machine';
import { fmt, table, writeSection } from './lib/report';

const args = parseArgs(process.argv.slice(2), { refunds: 1_000_000, requests: 300, maxSeconds: 420, write: true });

export const P95_TARGET_MS = 50;

runMain(async () => {
  const before = loadAverage();
  console.log(`refund reports over ${fmt(args.refunds)} refunds (${uptime()})`);
  const run = await runScript('bench/finance-report.ts', [], { env: { BENCH_REFUNDS: String(args.refunds), BENCH_REQUESTS: String(args.requests) }, timeoutMs: args.maxSeconds * 1000 });
  const rows = [...run.output.matchAll(/^(.+?)\s+c=(\d+)\s+p50\s+([\d.]+)\s+p95\s+([\d.]+)\s+p99\s+([\d.]+) ms$/gm)].map((m) => ({ scenario: m[1].trim(), c: Number(m[2]), p50: Number(m[3]), p95: Number(m[4]), p99: Number(m[5]) }));
  if (!rows.length) throw new Error(`finance-report.ts gave no figures (exit ${run.code}${run.timedOut ? ', out of time' : ''})`);
  const after = loadAverage();
  const worst1 = Math.max(...rows.filter((r) => r.c === 1).map((r) => r.p95));
  const worstAll = Math.max(...rows.map((r) => r.p95));
  const body = [
    `${fmt(args.refunds)} refunds over 2025 in the finance tables of a fresh database on the machine's PostgreSQL; each scenario ${args.requests} requests through the real HTTP stack (Fastify, validation, auth), one at a time (c=1), then four at a time (c=4: on 2 cores mostly queueing, the server and this client share a core). Target: p95 ≤ ${P95_TARGET_MS} ms.`,
    table(['scenario', 'c', 'p50 ms', 'p95 ms', 'p99 ms', 'p95 ≤ 50 ms'], rows.map((r) => [r.scenario, r.c, r.p50, r.p95, r.p99, r.p95 <= P95_TARGET_MS ? 'yes' : '**no**'])),
    `Worst p95 one at a time: **${worstAll === worst1 ? worst1 : worst1} ms**${worst1 <= P95_TARGET_MS ? ' (target met)' : ' (target missed)'}; worst p95 at c=4: ${Math.max(...rows.filter((r) => r.c === 4).map((r) => r.p95))} ms.`,
  ].join('\n\n');
  console.log(`\n${body}`);
  if (args.write) {
    writeSection('finance', {
      title: 'Refund report over 1,000,000 refunds',
      command: `npm run bench:finance${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      body,
      load: { before, after },
      result: { refunds: args.refunds, worstP95c1: worst1, worstP95: worstAll, rows: rows.length },
    });
  }
}, (args.maxSeconds + 60) * 1000);
