/**
 * History of a 100-event order, written into docs/benchmarks.md: runs bench/audit-history.ts (the
 * audit engineer's benchmark: the real app in MODE=api on a fresh database, a 100-event order
 * written over HTTP, GET /orders/{id}/events at one connection) and records its percentiles.
 *
 *   npm run bench:audit [-- --seconds 10 --max-seconds 180]
 */
import { parseArgs } from './lib/args';
import { runScript } from './lib/child';
import { runMain } from './lib/cleanup';
import { loadAverage, uptime } from './lib/machine';
import { table, writeSection } from './lib/report';

const args = parseArgs(process.argv.slice(2), { seconds: 10, maxSeconds: 180, write: true });

export const P99_TARGET_MS = 10;

runMain(async () => {
  const before = loadAverage();
  console.log(`audit history of a 100-event order (${uptime()})`);
  const run = await runScript('bench/audit-history.ts', [], { env: { BENCH_SECONDS: String(args.seconds) }, timeoutMs: args.maxSeconds * 1000 });
  const rows = [...run.output.matchAll(/^(GET \S+ \([^)]+\))\s+p50 ([\d.]+) ms\s+p95 ([\d.]+) ms\s+p99 ([\d.]+) ms\s+max ([\d.]+) ms\s+(\d+) req\/s/gm)]
    .map((m) => ({ scenario: m[1], p50: Number(m[2]), p95: Number(m[3]), p99: Number(m[4]), max: Number(m[5]), perSecond: Number(m[6]) }));
  if (!rows.length) throw new Error(`audit-history.ts gave no figures (exit ${run.code}${run.timedOut ? ', out of time' : ''})`);
  const after = loadAverage();
  const json = rows.find((r) => r.scenario.includes('JSON')) ?? rows[0];
  const body = [
    `\`GET /orders/{id}/events\` (auditor) of one order with 100 events written over HTTP (personal data sealed, decrypted on every read), one connection, keep-alive, ${args.seconds} s after a warm-up; the service in MODE=api on a fresh database of the machine's PostgreSQL. Target: p99 ≤ ${P99_TARGET_MS} ms.`,
    table(['scenario', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'requests/s'], rows.map((r) => [r.scenario, r.p50, r.p95, r.p99, r.max, r.perSecond])),
    `p99 (JSON): **${json.p99} ms**: ${json.p99 <= P99_TARGET_MS ? 'target met' : `target missed by ${(json.p99 - P99_TARGET_MS).toFixed(2)} ms`}.`,
  ].join('\n\n');
  console.log(`\n${body}`);
  if (args.write) {
    writeSection('audit', {
      title: 'History of a 100-event order',
      command: `npm run bench:audit${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      body,
      load: { before, after },
      result: { p99: json.p99, p95: json.p95, p50: json.p50 },
    });
  }
}, (args.maxSeconds + 60) * 1000);
