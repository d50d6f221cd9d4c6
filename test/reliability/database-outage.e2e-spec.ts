/**
 * Database outage: the real service (apps/api/src/main.ts in a child process: API and projector,
 * MODE=all, production settings) on a private PostgreSQL
 * that the test stops twice while callers keep sending commands and reads: once with a fast
 * shutdown (SIGINT: open transactions rolled back), once killed outright (SIGQUIT: immediate
 * shutdown, crash recovery at the next start). During an outage every answer comes back (a
 * generous deadline, no latency target) and a command answers 503 `unavailable` with
 * Retry-After; after it the service recovers by itself. Callers retry a 503 with the same
 * Idempotency-Key and X-Correlation-Id, so every command can be traced in the store: each one
 * answered 2xx has its events there, once, and its effect in the read models; none is there in
 * part.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@app/database';
import { PostgresEventStore } from '@app/event-store';
import { Pool } from 'pg';
import { startChildApp, type ChildApp } from '@app/harness/child-process-app';
import { CommandLoad } from './support/command-load';
import { call, report } from './support/http';
import { freePort, killAndWait, own, postmasterPid } from './support/processes';
import { expectReadModelsReflectStore, waitForProjections } from './support/store-checks';

const DEADLINE_MS = 15_000;
const WORKERS = 6;
const RUN = Date.now().toString(36);

describe('database outage: stop and restart PostgreSQL under load', () => {
  let base: string;
  let pgData: string;
  let port: number;
  let pg: EmbeddedPostgres | null = null;
  let app: ChildApp | null = null;
  let pool: Pool | null = null;
  let store: PostgresEventStore | null = null;

  let load: CommandLoad;

  async function startPostgres(): Promise<void> {
    pg = await startEmbeddedPostgres({ dataDir: pgData, port });
    const pid = postmasterPid(pgData);
    if (pid) own(pid);
  }

  beforeAll(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'om-outage-'));
    pgData = path.join(base, 'pg');
    port = await freePort();
    await startPostgres();
    app = await startChildApp({ databaseUrl: pg!.url, env: { LOG_LEVEL: 'warn', SLA_TICK_MS: '3600000', PG_POOL_SIZE: '8', PROJECTION_BATCH_SIZE: '500' } });
    pool = new Pool({ connectionString: pg!.url, max: 2 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, { pollIntervalMs: 100 });
    load = new CommandLoad({ baseUrl: app.baseUrl, prefix: `out-${RUN}`, workers: WORKERS, deadlineMs: DEADLINE_MS, exited: () => exitedWith(app) });
  }, 90_000);

  afterAll(async () => {
    await load?.stop(true);
    await app?.stop().catch(() => undefined);
    await store?.close().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    const left = pgData ? postmasterPid(pgData) : null;
    if (left) await killAndWait(left, 'SIGQUIT').catch(() => undefined);
    if (base) fs.rmSync(base, { recursive: true, force: true });
  }, 60_000);

  it('answers 503 during two outages, recovers by itself, and loses or half-applies nothing', async () => {
    load.start();
    let failed = true;
    try {
      await load.until('traffic before the outage', () => load.done.length >= 60);
      for (const outage of ['fast shutdown (SIGINT)', 'immediate shutdown (SIGQUIT)']) {
        const unavailableBefore = load.unavailable;
        if (outage.includes('SIGINT')) await pg!.stop();
        else await killAndWait(postmasterPid(pgData)!, 'SIGQUIT');
        await load.until(`503s during the ${outage}`, () => load.unavailable >= unavailableBefore + 3 * WORKERS);
        const okDuring = load.done.length;
        await startPostgres();
        // Nobody restarts the app: it must find the database again by itself.
        await load.until(`recovery after the ${outage}`, () => load.done.length >= okDuring + 60);
      }
      failed = false;
    } finally {
      await load.stop(failed);
    }

    expect(load.hung).toEqual([]);
    expect(load.unexpected).toEqual([]);
    // Every command answered 2xx is in the store once, whole; none abandoned at a 503 is there in part.
    const { wrong, abandonedComplete } = await load.storeProblems(pool!);
    expect(wrong).toEqual([]);
    expect(load.abandoned.length).toBeGreaterThan(0);

    // Its effect in every read model, the projector having recovered on its own.
    await waitForProjections(pool!, store!);
    const figures = await expectReadModelsReflectStore(pool!, store!);
    // Back to `running` with the error cleared (once a runner has seen the head, it says so).
    for (let deadline = Date.now() + 60_000; ;) {
      const { rows: states } = await pool!.query<{ name: string; state: string; last_error: string | null }>('SELECT name, state, last_error FROM projection_checkpoints ORDER BY name');
      const summary = states.map((s) => ({ name: s.name, state: s.state, error: s.last_error }));
      if (summary.every((s) => s.state === 'running' && s.error === null) || Date.now() > deadline) {
        expect(summary).toEqual(summary.map((s) => ({ name: s.name, state: 'running', error: null })));
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const health = await call(app!.baseUrl, 'GET', '/health');
    expect(health.status).toBe(200);

    report('database-outage', {
      outages: 2, commandsAnswered: load.done.length, abandonedAt503: load.abandoned.length, abandonedButComplete: abandonedComplete, attempts: load.attempts,
      answered503: load.unavailable, reads: load.reads, reads503: load.readsUnavailable, hung: load.hung.length, slowestAnswerMs: load.slowest,
      eventsChecked: figures.events, orders: figures.orders,
    });
  }, 180_000);
});

function exitedWith(app: ChildApp | null): string | null {
  const exit = app?.exited();
  return exit ? `${JSON.stringify(exit)}:\n${app!.output().slice(-3000)}` : null;
}
