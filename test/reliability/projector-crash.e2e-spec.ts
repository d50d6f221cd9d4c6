/**
 * Crash the projector: the real projector process (apps/projector/src/main.ts, MODE=projector,
 * production settings) catches up on tens of thousands of events and is killed with SIGKILL at
 * random points, several times. After the last restart has caught up, every read model
 * (order_status, sla_timers, finance) equals a fresh rebuild from the first event, row for row,
 * and each checkpoint counts every event exactly once.
 */
import { runMigrations } from '@app/database';
import { PostgresEventStore } from '@app/event-store';
import { coreMigrations } from '@app/platform';
import { projectionMigrations } from '@app/projections/registry';
import { createTestDatabase, type TestDatabase } from '@app/harness';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Pool } from 'pg';
import { fillStore } from '@app/harness/fill-store';
import { seededRng } from '@app/harness/order-lifecycle';
import { report } from './support/http';
import { forkTs, killAndWait } from './support/processes';
import { differencesFromRebuild, PROJECTION_NAMES, waitForProjections } from './support/store-checks';

const ORDERS = Number(process.env.RELIABILITY_CRASH_ORDERS ?? 2000);
const KILLS = Number(process.env.RELIABILITY_KILLS ?? 5);
const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 100_000);
const PROJECTOR = path.resolve(__dirname, '../../apps/projector/src/main.ts');
const DATA_DIR = path.join(os.tmpdir(), `om-crash-${process.pid}`);

describe('projector killed with SIGKILL during a catch-up', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let child: ChildProcess | null = null;
  let output = '';

  beforeAll(async () => {
    db = await createTestDatabase('rel_crash');
    pool = new Pool({ connectionString: db.url, max: 4 });
    pool.on('error', () => undefined);
    await runMigrations(pool, [...coreMigrations(), ...projectionMigrations()]);
    store = new PostgresEventStore(pool, { pollIntervalMs: 100 });
  }, 60_000);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) await killAndWait(child.pid, 'SIGKILL').catch(() => undefined);
    await store?.close();
    await pool?.end();
    await db?.drop();
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
  });

  function startProjector(): ChildProcess {
    const started = forkTs(PROJECTOR, {
      DATABASE_URL: db.url,
      MODE: 'projector',
      API_TOKENS: 'admin:admin-token-for-crash-test-0001',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: '0',
      SLA_TICK_MS: '3600000',
      PROJECTION_BATCH_SIZE: '500',
      DATA_DIR,
    });
    started.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
    started.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
    return started;
  }

  const applied = async () => {
    const { rows } = await pool.query<{ n: string }>(`SELECT coalesce(sum(events_applied), 0)::text AS n FROM projection_checkpoints WHERE name = ANY($1)`, [PROJECTION_NAMES]);
    return Number(rows[0].n);
  };

  it('ends, after several kills at random points, equal to a fresh rebuild row for row', async () => {
    const events = await fillStore(store, { orders: ORDERS, rng: seededRng(SEED), active: 200, concurrency: 16 });
    expect(events).toBeGreaterThan(10_000);
    const rng = seededRng(SEED + 1);
    const total = events * PROJECTION_NAMES.length;
    const kills: Array<{ target: number; appliedAtKill: number; openTransactions: number }> = [];

    for (let k = 0; k < KILLS; k += 1) {
      child = startProjector();
      const before = await applied();
      // A random point of what is left of the catch-up (never its end): the kill lands wherever
      // the runners are when that many events are committed, a batch usually open.
      const target = before + 1 + Math.floor(rng() * ((total - before) / (KILLS - k + 1)));
      const deadline = Date.now() + 60_000;
      while ((await applied()) < target) {
        if (child.exitCode !== null) throw new Error(`the projector exited on its own (${child.exitCode}):\n${output}`);
        if (Date.now() > deadline) throw new Error(`the projector made no progress in 60 s:\n${output}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const open = await pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid() AND application_name = 'order-management'",
      );
      await killAndWait(child.pid!, 'SIGKILL');
      kills.push({ target, appliedAtKill: await applied(), openTransactions: Number(open.rows[0].n) });
    }
    // Still catching up when killed: the kills fell inside the catch-up, not after it.
    expect(kills[kills.length - 1].appliedAtKill).toBeLessThan(total);

    child = startProjector();
    await waitForProjections(pool, store, 120_000);
    await killAndWait(child.pid!, 'SIGTERM', 30_000);

    const checkpoints = await pool.query<{ name: string; events_applied: string; state: string; last_error: string | null }>(
      'SELECT name, events_applied::text AS events_applied, state, last_error FROM projection_checkpoints WHERE name = ANY($1) ORDER BY name', [PROJECTION_NAMES],
    );
    // Each event counted once per projection: no batch committed twice, none lost.
    for (const c of checkpoints.rows) expect({ name: c.name, applied: Number(c.events_applied), error: c.last_error }).toEqual({ name: c.name, applied: events, error: null });

    // Table by table, and the served view byte for byte, against a fresh rebuild from the first event.
    const { differences, rows } = await differencesFromRebuild(pool, store);
    expect(differences).toEqual([]);
    expect(rows['order_status.orders']).toBe(ORDERS);

    report('projector-crash', { seed: SEED, events, kills: kills.length, openTransactionsAtKills: kills.map((k) => k.openTransactions), appliedAtKills: kills.map((k) => k.appliedAtKill), rows });
  }, 240_000);
});
