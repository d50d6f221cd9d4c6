/**
 * Every benchmark in turn, within 15 minutes, regenerating docs/benchmarks.md:
 *
 *   npm run bench [-- --budget-seconds 870 --projection-events 1000000]
 *
 * Builds once, then runs each bench script as a child process with its own time budget
 * (place order, database ceiling, mixed lifecycle, live lag, refund report, audit history,
 * seed), then the projection catch-up with whatever time is left (its event count is chosen to
 * fit: 1,000,000 when the previous rates say it fits, else fewer, and the section says so), then
 * the summary. A bench that fails is reported and the others still run; the exit code is 1 then.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from './lib/args';
import { runScript, ROOT } from './lib/child';
import { runMain } from './lib/cleanup';
import { loadAverage, uptime } from './lib/machine';
import { readResults } from './lib/report';
import { writeSummary } from './lib/summary';

const args = parseArgs(process.argv.slice(2), { budgetSeconds: 870, projectionEvents: 1_000_000, only: '' });

interface Step {
  name: string;
  script: string;
  args: string[];
  budget: number;
}

const STEPS: Step[] = [
  { name: 'place', script: 'bench/place-order.ts', args: [], budget: 240 },
  { name: 'ceiling', script: 'bench/ceiling.ts', args: [], budget: 100 },
  { name: 'mixed', script: 'bench/mixed-lifecycle.ts', args: [], budget: 200 },
  { name: 'lag', script: 'bench/live-lag.ts', args: [], budget: 130 },
  { name: 'finance', script: 'bench/finance.ts', args: ['--max-seconds', '140'], budget: 150 },
  { name: 'audit', script: 'bench/audit.ts', args: ['--max-seconds', '100'], budget: 110 },
  { name: 'seed', script: 'bench/seed.ts', args: ['--orders', '400', '--max-seconds', '60', '--keep', 'false'], budget: 80 },
];

/** Events that fit the time left: appending (~9,000/s here, 4 commands per append; counted at 6,000) plus catching up (the last measured rate, else 3,500/s). */
function projectionEvents(secondsLeft: number): number {
  const last = readResults().projections as { eventsPerSecond?: number } | undefined;
  const catchUp = Math.max(1_000, last?.eventsPerSecond ?? 3_500);
  const perEvent = 1 / 6_000 + 1 / catchUp;
  const fit = Math.floor((secondsLeft - 40) / perEvent / 50_000) * 50_000;
  return Math.max(50_000, Math.min(args.projectionEvents, fit));
}

runMain(async () => {
  const started = Date.now();
  const deadline = started + args.budgetSeconds * 1000;
  const left = () => Math.floor((deadline - Date.now()) / 1000);
  console.log(`npm run bench: every figure into docs/benchmarks.md, budget ${args.budgetSeconds} s (${uptime()})`);
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
  if (build.status !== 0) throw new Error('npm run build failed');
  const env = { BENCH_SKIP_BUILD: '1' };
  const outcomes: string[] = [];
  const only = args.only ? args.only.split(',') : null;
  for (const step of STEPS) {
    if (only && !only.includes(step.name)) continue;
    const budget = Math.min(step.budget, left() - 60);
    if (budget < 30) {
      outcomes.push(`${step.name}: skipped (out of time)`);
      continue;
    }
    console.log(`\n=== ${step.name} (budget ${budget} s, ${left()} s left; load ${loadAverage()}) ===`);
    const run = await runScript(step.script, step.args, { env, timeoutMs: budget * 1000 });
    outcomes.push(`${step.name}: ${run.code === 0 ? 'ok' : run.timedOut ? 'out of time' : `failed (exit ${run.code})`} in ${run.seconds} s`);
  }
  if (!only || only.includes('projections')) {
    const budget = left() - 15;
    if (budget >= 90) {
      const events = projectionEvents(budget);
      console.log(`\n=== projections (${events} events, budget ${budget} s; load ${loadAverage()}) ===`);
      const run = await runScript('bench/projections.ts', ['--events', String(events), '--max-seconds', String(budget - 20)], { env, timeoutMs: budget * 1000 });
      outcomes.push(`projections (${events} events): ${run.code === 0 ? 'ok' : run.timedOut ? 'out of time' : `failed (exit ${run.code})`} in ${run.seconds} s`);
    } else outcomes.push('projections: skipped (out of time)');
  }
  const failed = outcomes.filter((o) => !o.includes(': ok'));
  writeSummary(failed.length ? `Not regenerated in the last \`npm run bench\` (their sections, if any, are older): ${failed.join('; ')}.` : '');
  console.log(`\n${outcomes.join('\n')}\n\ntotal ${Math.round((Date.now() - started) / 1000)} s; docs/benchmarks.md written (load ${loadAverage()})`);
  if (failed.length) process.exitCode = 1;
}, 16 * 60_000);
