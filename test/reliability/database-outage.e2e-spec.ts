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
import { DEFAULT_TOTAL, orderBody } from '@app/harness';
import { Pool } from 'pg';
import { bearer } from './support/app';
import { startChildApp, type ChildApp } from './support/child-app';
import { call, NoAnswerError, report } from './support/http';
import { freePort, killAndWait, own, postmasterPid } from './support/processes';
import { expectReadModelsReflectStore, waitForProjections } from './support/store-checks';

const DEADLINE_MS = 15_000;
const WORKERS = 6;
const RUN = Date.now().toString(36);

interface Command {
  path: string;
  body: unknown;
  key: string;
  correlationId: string;
  /** The event types a success appends. */
  expected: string[];
}

interface Done {
  command: Command;
  status: number;
  events: string[];
  revision: number;
  orderId: string;
}

describe('database outage: stop and restart PostgreSQL under load', () => {
  let base: string;
  let pgData: string;
  let port: number;
  let pg: EmbeddedPostgres | null = null;
  let app: ChildApp | null = null;
  let pool: Pool | null = null;
  let store: PostgresEventStore | null = null;

  const done: Done[] = [];
  /** Commands whose caller gave up at the first 503 (never retried): their events are all there or none. */
  const abandoned: Command[] = [];
  const unexpected: string[] = [];
  const hung: string[] = [];
  let attempts = 0;
  let unavailable = 0;
  let reads = 0;
  let readsUnavailable = 0;
  let slowest = 0;
  let stopping = false;
  /** The test failed: callers give up instead of retrying forever. */
  let aborted = false;

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
    app = await startChildApp({ DATABASE_URL: pg!.url, PG_POOL_SIZE: '8', PROJECTION_BATCH_SIZE: '500' });
    pool = new Pool({ connectionString: pg!.url, max: 2 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, { pollIntervalMs: 100 });
  }, 90_000);

  afterAll(async () => {
    stopping = true;
    await app?.stop().catch(() => undefined);
    await store?.close().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    const left = pgData ? postmasterPid(pgData) : null;
    if (left) await killAndWait(left, 'SIGQUIT').catch(() => undefined);
    if (base) fs.rmSync(base, { recursive: true, force: true });
  }, 60_000);

  /**
   * Sends one command until it is answered 2xx, retrying 503 (and a missing answer) with the same
   * key; a caller that `givesUp` stops at the first 503 instead (answers null).
   */
  async function execute(command: Command, givesUp: boolean): Promise<Done | null> {
    for (;;) {
      if (aborted) throw new Error('aborted');
      attempts += 1;
      const started = Date.now();
      let answer;
      try {
        answer = await call(app!.baseUrl, 'POST', command.path, {
          headers: { ...bearer('service'), 'idempotency-key': command.key, 'x-correlation-id': command.correlationId },
          body: command.body,
          deadlineMs: DEADLINE_MS,
        });
      } catch (error) {
        if (!(error instanceof NoAnswerError)) throw error;
        hung.push(error.message);
        continue;
      } finally {
        slowest = Math.max(slowest, Date.now() - started);
      }
      if (answer.status === 200 || answer.status === 201) {
        const result: Done = { command, status: answer.status, ...answer.body };
        done.push(result);
        return result;
      }
      if (answer.status === 503 && answer.body?.code === 'unavailable' && Number(answer.headers.get('retry-after')) > 0
        && answer.headers.get('content-type')?.startsWith('application/problem+json')) {
        unavailable += 1;
        if (givesUp) {
          abandoned.push(command);
          return null;
        }
      } else {
        unexpected.push(`${command.path}: ${answer.status} ${answer.text.slice(0, 300)}`);
      }
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }

  async function worker(w: number): Promise<void> {
    for (let k = 0; !stopping; k += 1) {
      const orderId = `out-${RUN}-${w}-${k}`;
      const command = (step: string, p: string, body: unknown, expected: string[]): Command =>
        ({ path: p, body, key: `${orderId}:${step}`, correlationId: `${orderId}:${step}`, expected });
      const steps: Command[] = [command('place', '/orders', orderBody({ orderId }), ['OrderPlaced'])];
      if (k % 4 === 3) {
        // Two events from one command: a half-applied answer would show.
        steps.push(command('fail', `/orders/${orderId}/payment/fail`, { reason: 'card declined' }, ['PaymentFailed', 'OrderCancelled']));
      } else {
        steps.push(
          command('pay', `/orders/${orderId}/payment/confirm`, { transactionId: `tx-${k}`, amount: DEFAULT_TOTAL }, ['PaymentConfirmed']),
          command('ship', `/orders/${orderId}/shipments`, { shipmentId: 's-1', lineIds: ['1', '2'], carrier: 'UPS', trackingNumber: 'T' }, ['ShipmentDispatched']),
          command('deliver', `/orders/${orderId}/lines/1/delivered`, {}, ['ItemDelivered']),
          command('complain', `/orders/${orderId}/complaints`, { complaintId: 'c-1', category: 'delivery', message: 'late' }, ['ComplaintOpened']),
        );
      }
      // One caller in three gives up at the first 503 and moves on to another order.
      const givesUp = w % 3 === 0;
      for (const step of steps) {
        if (stopping) return;
        if (!(await execute(step, givesUp))) break;
      }
    }
  }

  async function reader(): Promise<void> {
    while (!stopping) {
      const last = done[done.length - 1];
      for (const p of [last ? `/orders/${last.orderId}` : '/orders', '/health']) {
        const started = Date.now();
        try {
          const answer = await call(app!.baseUrl, 'GET', p, { headers: bearer('service'), deadlineMs: DEADLINE_MS });
          reads += 1;
          if (answer.status === 503) readsUnavailable += 1;
          else if (answer.status !== 200 && answer.status !== 404) unexpected.push(`GET ${p}: ${answer.status} ${answer.text.slice(0, 300)}`);
        } catch (error) {
          if (!(error instanceof NoAnswerError)) throw error;
          hung.push(error.message);
        } finally {
          slowest = Math.max(slowest, Date.now() - started);
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function until(what: string, condition: () => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (app?.exited()) throw new Error(`the service exited (${JSON.stringify(app.exited())}) while waiting for ${what}:\n${app.output().slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`${what}: not reached (done ${done.length}, 503s ${unavailable}, unexpected ${unexpected.slice(0, 3).join(' | ')})`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('answers 503 during two outages, recovers by itself, and loses or half-applies nothing', async () => {
    const load = Promise.all([...Array.from({ length: WORKERS }, (_, w) => worker(w)), reader()]).catch((error: Error) => error);
    try {
      await until('traffic before the outage', () => done.length >= 60);
      for (const outage of ['fast shutdown (SIGINT)', 'immediate shutdown (SIGQUIT)']) {
        const unavailableBefore = unavailable;
        if (outage.includes('SIGINT')) await pg!.stop();
        else await killAndWait(postmasterPid(pgData)!, 'SIGQUIT');
        await until(`503s during the ${outage}`, () => unavailable >= unavailableBefore + 3 * WORKERS);
        const okDuring = done.length;
        await startPostgres();
        // Nobody restarts the app: it must find the database again by itself.
        await until(`recovery after the ${outage}`, () => done.length >= okDuring + 60);
      }
    } catch (error) {
      aborted = true;
      throw error;
    } finally {
      stopping = true;
      await load;
    }

    expect(hung).toEqual([]);
    expect(unexpected).toEqual([]);

    // Every command answered 2xx is in the store once, whole, at the revisions its answer gives.
    const { rows } = await pool!.query<{ correlation: string; n: string; types: string[]; stream: string; revisions: string[] }>(
      `SELECT metadata->>'correlationId' AS correlation, count(*) AS n, array_agg(type ORDER BY stream_revision) AS types,
              min(stream_id) AS stream, array_agg(stream_revision::text ORDER BY stream_revision) AS revisions
         FROM events GROUP BY 1`,
    );
    const stored = new Map(rows.map((r) => [r.correlation, r]));
    const wrong: string[] = [];
    for (const d of done) {
      const row = stored.get(d.command.correlationId);
      const revisions = d.events.map((_, k) => String(d.revision - d.events.length + 1 + k));
      if (!row) wrong.push(`${d.command.key}: answered ${d.status}, no events stored`);
      else if (JSON.stringify(row.types) !== JSON.stringify(d.events) || JSON.stringify(row.revisions) !== JSON.stringify(revisions) || row.stream !== `order-${d.orderId}`) {
        wrong.push(`${d.command.key}: answered ${d.events.join(',')}@${revisions.join(',')}, stored ${row.types.join(',')}@${row.revisions.join(',')}`);
      }
    }
    // A command abandoned at a 503 is absent or complete, never in part: the ambiguous case (the
    // commit made, the answer lost) shows as complete.
    let abandonedComplete = 0;
    for (const command of abandoned) {
      const row = stored.get(command.correlationId);
      if (!row) continue;
      if (JSON.stringify(row.types) === JSON.stringify(command.expected)) abandonedComplete += 1;
      else wrong.push(`${command.key}: answered 503, stored ${row.types.join(',')} of ${command.expected.join(',')}`);
    }
    // Nothing else in the store: every event belongs to a command a caller sent.
    const sentIds = new Set([...done.map((d) => d.command.correlationId), ...abandoned.map((c) => c.correlationId)]);
    for (const row of rows) if (!sentIds.has(row.correlation)) wrong.push(`${row.correlation}: ${row.n} events stored, never sent`);
    expect(wrong).toEqual([]);
    expect(abandoned.length).toBeGreaterThan(0);

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
      outages: 2, commandsAnswered: done.length, abandonedAt503: abandoned.length, abandonedButComplete: abandonedComplete, attempts, answered503: unavailable, reads, reads503: readsUnavailable,
      hung: hung.length, slowestAnswerMs: slowest, eventsChecked: figures.events, orders: figures.orders,
    });
  }, 180_000);
});
