/**
 * The database server itself crashes: the real service (apps/api/src/main.ts in a child process,
 * MODE=all: API, projector and scheduler) on its own embedded PostgreSQL, under a steady load of
 * mixed commands, and the embedded postmaster killed with SIGKILL, twice. Nobody touches the
 * service: its supervisor starts the server again on the same port (crash recovery replays the
 * WAL), commands answer 503 meanwhile, and the pool reconnects. Then every command answered 2xx
 * is in the store once, none abandoned at a 503 is there in part, each projection counted every
 * event once, and every read model equals a rebuild from the first event: projection batches
 * commit with synchronous_commit off, so a crash may lose the last ones, and replaying them from
 * the checkpoint (which they carry in the same transaction) must restore them exactly.
 */
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@app/database';
import { PostgresEventStore } from '@app/event-store';
import { loadConfig } from '@app/config';
import { createReadableEventStore } from '@app/platform';
import { Pool } from 'pg';
import { startChildApp, type ChildApp } from '@app/harness/child-process-app';
import { CommandLoad } from './support/command-load';
import { call, report } from './support/http';
import { killAndWait, postmasterPid } from './support/processes';
import { differencesFromRebuild, expectReadModelsReflectStore, PROJECTION_NAMES, waitForProjections } from './support/store-checks';

const DEADLINE_MS = 15_000;
const WORKERS = 6;
const CRASHES = 2;
const RUN = Date.now().toString(36);

describe('the embedded PostgreSQL postmaster killed with SIGKILL under load', () => {
  let app: ChildApp;
  let joined: EmbeddedPostgres | null = null;
  let pool: Pool | null = null;
  let store: PostgresEventStore | null = null;
  let load: CommandLoad;
  let pgData: string;

  beforeAll(async () => {
    // Small projection batches: many commit while the load runs, so a crash finds some in flight.
    app = await startChildApp({ env: { LOG_LEVEL: 'warn', SLA_TICK_MS: '3600000', PG_POOL_SIZE: '8', PROJECTION_BATCH_SIZE: '50' } });
    pgData = path.join(app.dataDir, 'pg');
    load = new CommandLoad({
      baseUrl: app.baseUrl, prefix: `pm-${RUN}`, workers: WORKERS, deadlineMs: DEADLINE_MS,
      exited: () => (app.exited() ? `${JSON.stringify(app.exited())}:\n${app.output().slice(-3000)}` : null),
    });
  }, 120_000);

  afterAll(async () => {
    await load?.stop(true);
    await store?.close().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await joined?.stop().catch(() => undefined);
    await app?.stop();
  }, 60_000);

  it('comes back by itself; nothing lost, doubled or half-written; every read model equals a rebuild', async () => {
    load.start();
    const crashes: Array<{ killed: number; restartedAs: number; answered503: number }> = [];
    let failed = true;
    try {
      await load.until('traffic before the crash', () => load.done.length >= 60);
      for (let c = 0; c < CRASHES; c += 1) {
        const killed = postmasterPid(pgData)!;
        const unavailableBefore = load.unavailable;
        const doneBefore = load.done.length;
        await killAndWait(killed, 'SIGKILL');
        // Nobody restarts anything: the service's supervisor brings the server back.
        await load.until(`commands answered again after crash ${c + 1}`, () => load.done.length >= doneBefore + 60, 120_000);
        const restartedAs = postmasterPid(pgData);
        expect(restartedAs).not.toBeNull();
        expect(restartedAs).not.toBe(killed);
        crashes.push({ killed, restartedAs: restartedAs!, answered503: load.unavailable - unavailableBefore });
      }
      failed = false;
    } finally {
      await load.stop(failed);
    }

    expect(load.hung).toEqual([]);
    expect(load.unexpected).toEqual([]);
    expect(app.exited()).toBeNull();
    const health = await call(app.baseUrl, 'GET', '/health');
    expect(health.status).toBe(200);

    // The test joins the service's server, like a CLI: it leaves it running for the service.
    joined = await startEmbeddedPostgres({ dataDir: pgData });
    pool = new Pool({ connectionString: joined.url, max: 2 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, { pollIntervalMs: 100 });

    const { wrong, abandonedComplete } = await load.storeProblems(pool);
    expect(wrong).toEqual([]);

    await waitForProjections(pool, store, 120_000);
    const figures = await expectReadModelsReflectStore(pool, store);
    // Each event counted once per projection: a batch lost to the crash was replayed, none twice.
    const { rows: checkpoints } = await pool.query<{ name: string; applied: string; error: string | null }>(
      'SELECT name, events_applied::text AS applied, last_error AS error FROM projection_checkpoints WHERE name = ANY($1) ORDER BY name', [PROJECTION_NAMES],
    );
    expect(checkpoints.map((c) => ({ name: c.name, applied: Number(c.applied) }))).toEqual(
      [...PROJECTION_NAMES].sort().map((name) => ({ name, applied: figures.events })),
    );

    // The service stops (its projector with it) and leaves the server to the test; then the rebuild.
    await killAndWait(app.process.pid!, 'SIGTERM', 30_000);
    expect(postmasterPid(pgData)).not.toBeNull();
    // The embedded service seals personal data with DATA_DIR's key: the rebuild reads as the projector does.
    const readable = createReadableEventStore(loadConfig({ ...process.env, DATA_DIR: app.dataDir, DATABASE_URL: '' }), pool);
    const { differences, rows } = await differencesFromRebuild(pool, readable).finally(() => readable.close());
    expect(differences).toEqual([]);

    report('postmaster-crash', {
      crashes: crashes.length, answered503PerCrash: crashes.map((c) => c.answered503), commandsAnswered: load.done.length,
      abandonedAt503: load.abandoned.length, abandonedButComplete: abandonedComplete, attempts: load.attempts, reads: load.reads,
      reads503: load.readsUnavailable, slowestAnswerMs: load.slowest, events: figures.events, orders: rows['order_status.orders'],
    });
  }, 300_000);
});
