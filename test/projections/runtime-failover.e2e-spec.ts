/**
 * One active instance per projection across processes: a holder killed in the middle of a batch
 * loses nothing and applies nothing twice, and a standby takes over.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { orderStatusProjection } from '@app/projections/order-status';
import { CheckpointWatcher, rebuildProjection } from '@app/projections/runtime';
import { seededRng } from '@app/harness/order-lifecycle';
import {
  checkpointOf, createProjectionDb, eventually, expectedViews, readAllEvents, snapshotOrders, storedViews, type ProjectionDb,
} from './support/projection-db';

const SUPPORT = path.join(__dirname, 'support');

/** pids of the sessions holding an advisory lock in this test's database (pg_locks shows the whole cluster). */
async function lockHolders(t: ProjectionDb): Promise<number[]> {
  const { rows } = await t.pool.query<{ pid: number }>(
    `SELECT pid FROM pg_locks
     WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  return rows.map((r) => r.pid);
}

describe('projection runtime: one active instance, failover', () => {
  let t: ProjectionDb;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    t = await createProjectionDb('runtime_failover');
    await t.fill({ orders: 60, rng: seededRng(11), active: 25 });
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await t?.close();
  });

  afterEach(() => t.stopRuntimes());

  it('a process killed between apply and checkpoint loses nothing; the standby takes over and equals a full rebuild', async () => {
    const events = await readAllEvents(t.store);
    child = fork(path.join(SUPPORT, 'crash-child.ts'), [t.db.url, '40', '3'], { execArgv: ['-r', path.join(__dirname, '../../harness/register-ts.js')], stdio: 'inherit' });
    const paused = await new Promise<{ applied: number; first: string; last: string }>((resolve, reject) => {
      child!.once('message', (m) => resolve(m as { applied: number; first: string; last: string }));
      child!.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    expect(paused).toEqual({ applied: 40, first: events[80].position, last: events[119].position });
    // The third batch is written but not committed: the checkpoint is after the second.
    expect((await checkpointOf(t.pool, 'order-status')).position).toBe(events[79].position);

    const standby = t.runtime([orderStatusProjection], { batchSize: 40 });
    standby.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(standby.runner('order-status')).toMatchObject({ active: false, state: 'standby' });

    child.kill('SIGKILL');
    expect(await standby.waitForHead(20_000)).toBe(true);
    expect(standby.runner('order-status')?.active).toBe(true);
    const checkpoint = await checkpointOf(t.pool, 'order-status');
    expect(Number(checkpoint.events_applied)).toBe(events.length); // the killed batch counted once
    const projected = await snapshotOrders(t.pool);
    expect(await storedViews(t.pool)).toEqual(await expectedViews(t.store));

    await t.stopRuntimes();
    await rebuildProjection(t.pool, t.store, orderStatusProjection, { batchSize: 1000 });
    expect(await snapshotOrders(t.pool)).toEqual(projected);
  });

  it('keeps one active runner; when its session dies a standby takes over and follows new events', async () => {
    const a = t.runtime([orderStatusProjection]);
    const b = t.runtime([orderStatusProjection]);
    a.start();
    await eventually(async () => a.runner('order-status')?.active === true);
    b.start();
    await eventually(async () => b.runner('order-status')?.state === 'standby');
    expect(a.runner('order-status')?.active).toBe(true);
    expect(b.runner('order-status')?.active).toBe(false);
    const [holder] = await lockHolders(t);
    expect(await lockHolders(t)).toHaveLength(1);

    // The active instance's connection dies (a crashed host, a network cut).
    await t.pool.query('SELECT pg_terminate_backend($1)', [holder]);
    await eventually(async () => [a, b].filter((r) => r.runner('order-status')?.active).length === 1 && !(await lockHolders(t)).includes(holder));

    await t.fill({ orders: 10, rng: seededRng(12), prefix: 'late' });
    expect(await b.waitForHead(20_000)).toBe(true);
    expect(await storedViews(t.pool)).toEqual(await expectedViews(t.store));
    expect(await lockHolders(t)).toHaveLength(1);
  });

  it('read-your-writes works by polling the checkpoint when the runner is in another process (MODE=api)', async () => {
    const runtime = t.runtime([orderStatusProjection]);
    runtime.start();
    // Nothing in "this process" tells this watcher about commits: it can only poll the table.
    const watcher = new CheckpointWatcher(t.pool, t.store, { pollMs: 20 });
    await t.fill({ orders: 3, rng: seededRng(13), prefix: 'ryw' });
    const head = (await t.store.headPosition()) as string;
    expect(await watcher.waitFor('order-status', head, 20_000)).toBe(true);
    expect(await watcher.waitFor('order-status', '99999999999999999999-99999999999999999999', 200)).toBe(false);
    await expect(watcher.waitFor('order-status', 'garbage', 200)).rejects.toThrow(TypeError);
    watcher.close();
  });
});
