/**
 * Operator tools beside a running service: the real service (apps/api/src/main.ts in a child
 * process, MODE=all) on its embedded PostgreSQL under a steady load of commands, and the real
 * CLIs (audit verify, finance:reconcile, projections:rebuild, privacy:migrate) run as processes
 * of their own against the same DATA_DIR. They join the running server and leave it running:
 * the service answers every command and /health throughout, its postmaster is the same one at
 * the end, and every command answered 2xx is in the store once with its effect in the read models.
 */
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@app/database';
import { PostgresEventStore } from '@app/event-store';
import { DEFAULT_TOTAL, orderBody } from '@app/harness';
import { Pool } from 'pg';
import { bearer, TOKENS } from './support/app';
import { startChildApp, type ChildApp } from '@app/harness/child-process-app';
import { call, NoAnswerError } from './support/http';
import { forkTs, postmasterPid } from './support/processes';
import { expectReadModelsReflectStore, waitForProjections } from './support/store-checks';

const ROOT = path.resolve(__dirname, '../..');
const WORKERS = 3;
const RUN = Date.now().toString(36);

interface Sent {
  correlationId: string;
  events: number;
}

describe('operator CLIs run beside the service on its embedded PostgreSQL', () => {
  let app: ChildApp;
  let joined: EmbeddedPostgres;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    app = await startChildApp({ env: { LOG_LEVEL: 'warn', SLA_TICK_MS: '3600000', PG_POOL_SIZE: '8' } });
    // The test itself joins the service's server like a CLI does, to read the store afterwards.
    joined = await startEmbeddedPostgres({ dataDir: path.join(app.dataDir, 'pg') });
    pool = new Pool({ connectionString: joined.url, max: 2 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, { pollIntervalMs: 100 });
  }, 120_000);

  afterAll(async () => {
    await store?.close().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await joined?.stop().catch(() => undefined);
    await app?.stop();
  }, 60_000);

  /** One CLI as `npm run …` runs it (the TypeScript entry compiled on require), against the service's DATA_DIR. */
  function runCli(entry: string, args: string[]): Promise<{ code: number | null; output: string }> {
    const child = forkTs(path.join(ROOT, entry), {
      DATA_DIR: app.dataDir,
      API_TOKENS: Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(','),
      LOG_LEVEL: 'warn',
      LOG_PRETTY: '0',
    }, args);
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
  }

  it('leaves the service and its database running, and the data whole', async () => {
    const postmaster = postmasterPid(path.join(app.dataDir, 'pg'));
    expect(postmaster).not.toBeNull();
    const answered: Sent[] = [];
    const failures: string[] = [];
    let stopping = false;
    let healthChecks = 0;

    async function send(p: string, body: unknown, correlationId: string, events: number): Promise<boolean> {
      try {
        const answer = await call(app.baseUrl, 'POST', p, {
          headers: { ...bearer('service'), 'idempotency-key': correlationId, 'x-correlation-id': correlationId },
          body,
        });
        if (answer.status === 200 || answer.status === 201) {
          answered.push({ correlationId, events });
          return true;
        }
        failures.push(`POST ${p}: ${answer.status} ${answer.text.slice(0, 200)}`);
      } catch (error) {
        if (!(error instanceof NoAnswerError)) throw error;
        failures.push(error.message);
      }
      return false;
    }
    async function worker(w: number): Promise<void> {
      for (let k = 0; !stopping; k += 1) {
        const orderId = `cli-${RUN}-${w}-${k}`;
        if (!(await send('/orders', orderBody({ orderId }), `${orderId}:place`, 1))) continue;
        await send(`/orders/${orderId}/payment/confirm`, { transactionId: `tx-${k}`, amount: DEFAULT_TOTAL }, `${orderId}:pay`, 1);
      }
    }
    async function health(): Promise<void> {
      while (!stopping) {
        const answer = await call(app.baseUrl, 'GET', '/health').catch((error: Error) => ({ status: 0, text: error.message }));
        healthChecks += 1;
        if (answer.status !== 200) failures.push(`GET /health: ${answer.status} ${answer.text.slice(0, 200)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    const load = Promise.all([...Array.from({ length: WORKERS }, (_, w) => worker(w)), health()]);
    const runs: Array<{ cli: string; code: number | null; output: string }> = [];
    try {
      while (answered.length < 20) await new Promise((r) => setTimeout(r, 50));
      const firstOrder = `cli-${RUN}-0-0`;
      for (const [entry, args] of [
        ['apps/api/src/audit/audit-cli.ts', ['verify', firstOrder, '--log', path.join(app.dataDir, 'audit-test.log')]],
        ['projections/finance/reconcile-cli.ts', ['--from', '2000-01-01', '--to', '2999-12-31']],
        ['projections/rebuild-cli.ts', ['order-status']],
        ['apps/api/src/privacy/privacy-migrate-cli.ts', []],
      ] as const) {
        const before = answered.length;
        const result = await runCli(entry, [...args]);
        runs.push({ cli: `${path.basename(entry)} ${args.join(' ')}`, ...result });
        // The service keeps answering after the CLI has exited.
        const target = before + 10;
        while (answered.length < target && failures.length === 0) await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      stopping = true;
      await load;
    }

    expect(runs.filter((r) => r.code !== 0)).toEqual([]);
    expect(failures).toEqual([]);
    expect(healthChecks).toBeGreaterThan(0);
    // The very server the service started: no CLI stopped it (nor did anyone have to restart it).
    expect(postmasterPid(path.join(app.dataDir, 'pg'))).toBe(postmaster);
    expect(app.exited()).toBeNull();

    // Every command answered 2xx is in the store once; nothing else is.
    const { rows } = await pool.query<{ correlation: string; n: string }>(
      `SELECT metadata->>'correlationId' AS correlation, count(*) AS n FROM events GROUP BY 1`,
    );
    const stored = new Map(rows.map((r) => [r.correlation, Number(r.n)]));
    expect(answered.filter((a) => stored.get(a.correlationId) !== a.events)).toEqual([]);
    expect(stored.size).toBe(answered.length);
    await waitForProjections(pool, store);
    const figures = await expectReadModelsReflectStore(pool, store);
    expect(figures.events).toBe(answered.length);
  }, 300_000);
});
