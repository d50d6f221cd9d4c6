/**
 * A rebuild tells how far it is: events done out of the store's count, the rate and the time
 * left, to its onProgress, to a logger (the service's logs) and on the CLI's output.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { orderStatusProjection } from '@app/projections/order-status';
import { describeRebuildProgress, rebuildProjection, type RebuildProgress } from '@app/projections/runtime';
import { seededRng } from '@app/harness/order-lifecycle';
import { createProjectionDb, type ProjectionDb } from '../projections/support/projection-db';
import { ROOT } from './support/child-app';

describe('projection rebuild progress', () => {
  let t: ProjectionDb;
  let total: number;

  beforeAll(async () => {
    t = await createProjectionDb('rebuild_progress');
    total = await t.fill({ orders: 40, rng: seededRng(7), active: 10 });
  });
  afterAll(() => t?.close());

  it('reports events done of the total, the rate and an ETA, and logs them', async () => {
    const reports: RebuildProgress[] = [];
    const lines: string[] = [];
    const logger = { log: (line: string) => lines.push(line), warn: () => undefined, error: () => undefined };
    const result = await rebuildProjection(t.pool, t.store, orderStatusProjection, { batchSize: 25, onProgress: (p) => reports.push(p), logger });

    const folding = reports.filter((p) => p.phase === 'folding');
    expect(folding.length).toBe(Math.ceil(total / 25));
    expect(folding.map((p) => p.events)).toEqual(folding.map((_, i) => Math.min((i + 1) * 25, total)));
    for (const p of folding) {
      expect(p.eventsPerSecond).toBeGreaterThan(0);
      if (p.total !== null) {
        expect(p.total).toBe(total);
        expect(p.etaSeconds).toBeGreaterThanOrEqual(0);
      }
    }
    expect(folding.some((p) => p.total === total && p.etaSeconds !== null)).toBe(true);
    expect(reports.slice(-2).map((p) => [p.phase, p.events, p.total])).toEqual([['swapping', total, total], ['done', total, total]]);
    expect(result.events).toBe(total);

    // Logged: the first batch, then at most one line per 5 s while folding, the swap and the end.
    expect(lines[0]).toMatch(new RegExp(`^order-status rebuild folding: 25(/${total} \\(\\d+%\\))? events, \\d+ events/s, ETA (\\d+ s|unknown)$`));
    expect(lines.slice(-2)).toEqual([
      expect.stringMatching(new RegExp(`^order-status rebuild swapping: ${total}/${total} \\(100%\\) events, \\d+ events/s$`)),
      expect.stringMatching(new RegExp(`^order-status rebuild done: ${total}/${total} \\(100%\\) events, \\d+ events/s$`)),
    ]);
  });

  it('describes progress for people: percent, rate and time left', () => {
    const p: RebuildProgress = { phase: 'folding', events: 120_000, total: 200_000, eventsPerSecond: 13_800, etaSeconds: 6, position: null };
    expect(describeRebuildProgress('order-status', p)).toBe('order-status rebuild folding: 120000/200000 (60%) events, 13800 events/s, ETA 6 s');
    expect(describeRebuildProgress('finance', { ...p, etaSeconds: 3_725 })).toMatch(/ETA 1 h 2 min$/);
    expect(describeRebuildProgress('finance', { ...p, etaSeconds: 125 })).toMatch(/ETA 2 min 5 s$/);
    expect(describeRebuildProgress('finance', { ...p, total: null, etaSeconds: null })).toBe('finance rebuild folding: 120000 events, 13800 events/s, ETA unknown');
  });

  it('prints progress on the CLI (npm run projections:rebuild -- <name>)', async () => {
    const output = await runCli(['order-status'], { DATABASE_URL: t.db.url, PROJECTION_BATCH_SIZE: '25', DATA_DIR: os.tmpdir() });
    expect(output.code).toBe(0);
    expect(output.stdout).toMatch(new RegExp(`order-status rebuild folding: 25(/${total} \\(\\d+%\\))? events, \\d+ events/s, ETA`));
    expect(output.stdout).toContain(`order-status rebuild done: ${total}/${total} (100%) events`);
    expect(output.stdout).toMatch(new RegExp(`order-status: rebuilt and swapped: ${total} events in`));
  });
});

/** The CLI's source, compiled on the fly like jest does (no build needed). */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', './harness/register-ts.js', 'projections/rebuild-cli.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000); // never outlives the test
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}
