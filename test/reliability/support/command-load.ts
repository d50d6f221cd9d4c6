/**
 * A steady load of order lifecycles against a running service, for fault suites: callers place,
 * pay (or fail the payment), ship, deliver and complain, each command with its own
 * Idempotency-Key and X-Correlation-Id so it can be traced in the store. Callers retry a 503
 * (and a missing answer) with the same key until it succeeds; one in three gives up at the first
 * 503 and moves on. A reader asks for an order and /health meanwhile. Nothing here asserts a
 * time: the deadline per request only says "it answered at all".
 */
import { DEFAULT_TOTAL, orderBody } from '@app/harness';
import type { Pool } from 'pg';
import { bearer } from './app';
import { call, NoAnswerError } from './http';

export interface Command {
  path: string;
  body: unknown;
  key: string;
  correlationId: string;
  /** The event types a success appends. */
  expected: string[];
}

export interface Done {
  command: Command;
  status: number;
  events: string[];
  revision: number;
  orderId: string;
}

export interface CommandLoadOptions {
  baseUrl: string;
  /** Order ids start with it: unique per run. */
  prefix: string;
  workers: number;
  deadlineMs: number;
  /** Called when the service process has exited: the load stops with its message. */
  exited?: () => string | null;
}

export class CommandLoad {
  readonly done: Done[] = [];
  /** Commands whose caller gave up at the first 503 (never retried): their events are all there or none. */
  readonly abandoned: Command[] = [];
  readonly unexpected: string[] = [];
  readonly hung: string[] = [];
  attempts = 0;
  unavailable = 0;
  reads = 0;
  readsUnavailable = 0;
  slowest = 0;
  private stopping = false;
  /** The test failed: callers give up instead of retrying forever. */
  private aborted = false;
  private running: Promise<unknown> | null = null;

  constructor(private readonly options: CommandLoadOptions) {}

  start(): void {
    const { workers } = this.options;
    this.running = Promise.all([...Array.from({ length: workers }, (_, w) => this.worker(w)), this.reader()]).catch((error: Error) => error);
  }

  /** Stops the callers (after their command in flight); `failed`: they give up retrying too. */
  async stop(failed = false): Promise<void> {
    this.stopping = true;
    if (failed) this.aborted = true;
    await this.running;
  }

  /** Polls until `condition` holds; throws with the load's figures when it does not in time. */
  async until(what: string, condition: () => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const exited = this.options.exited?.();
      if (exited) throw new Error(`the service exited while waiting for ${what}: ${exited}`);
      if (Date.now() > deadline) {
        throw new Error(`${what}: not reached (done ${this.done.length}, 503s ${this.unavailable}, unexpected ${this.unexpected.slice(0, 3).join(' | ')})`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /**
   * Every command answered 2xx has its events in the store, once, whole, at the revisions its
   * answer gave; every command abandoned at a 503 is absent or complete, never in part (the
   * ambiguous case, the commit made and the answer lost, shows as complete); no event belongs
   * to a command nobody sent. Answers the problems found and how many abandoned commands were
   * in fact complete.
   */
  async storeProblems(pool: Pool): Promise<{ wrong: string[]; abandonedComplete: number }> {
    const { rows } = await pool.query<{ correlation: string; n: string; types: string[]; stream: string; revisions: string[] }>(
      `SELECT metadata->>'correlationId' AS correlation, count(*) AS n, array_agg(type ORDER BY stream_revision) AS types,
              min(stream_id) AS stream, array_agg(stream_revision::text ORDER BY stream_revision) AS revisions
         FROM events GROUP BY 1`,
    );
    const stored = new Map(rows.map((r) => [r.correlation, r]));
    const wrong: string[] = [];
    for (const d of this.done) {
      const row = stored.get(d.command.correlationId);
      const revisions = d.events.map((_, k) => String(d.revision - d.events.length + 1 + k));
      if (!row) wrong.push(`${d.command.key}: answered ${d.status}, no events stored`);
      else if (JSON.stringify(row.types) !== JSON.stringify(d.events) || JSON.stringify(row.revisions) !== JSON.stringify(revisions) || row.stream !== `order-${d.orderId}`) {
        wrong.push(`${d.command.key}: answered ${d.events.join(',')}@${revisions.join(',')}, stored ${row.types.join(',')}@${row.revisions.join(',')}`);
      }
    }
    let abandonedComplete = 0;
    for (const command of this.abandoned) {
      const row = stored.get(command.correlationId);
      if (!row) continue;
      if (JSON.stringify(row.types) === JSON.stringify(command.expected)) abandonedComplete += 1;
      else wrong.push(`${command.key}: answered 503, stored ${row.types.join(',')} of ${command.expected.join(',')}`);
    }
    const sentIds = new Set([...this.done.map((d) => d.command.correlationId), ...this.abandoned.map((c) => c.correlationId)]);
    for (const row of rows) if (!sentIds.has(row.correlation)) wrong.push(`${row.correlation}: ${row.n} events stored, never sent`);
    return { wrong, abandonedComplete };
  }

  /** Sends one command until it is answered 2xx, retrying 503 (and a missing answer) with the same key; a caller that `givesUp` stops at the first 503 (answers null). */
  private async execute(command: Command, givesUp: boolean): Promise<Done | null> {
    for (;;) {
      if (this.aborted) throw new Error('aborted');
      this.attempts += 1;
      const started = Date.now();
      let answer;
      try {
        answer = await call(this.options.baseUrl, 'POST', command.path, {
          headers: { ...bearer('service'), 'idempotency-key': command.key, 'x-correlation-id': command.correlationId },
          body: command.body,
          deadlineMs: this.options.deadlineMs,
        });
      } catch (error) {
        if (!(error instanceof NoAnswerError)) throw error;
        this.hung.push(error.message);
        continue;
      } finally {
        this.slowest = Math.max(this.slowest, Date.now() - started);
      }
      if (answer.status === 200 || answer.status === 201) {
        const result: Done = { command, status: answer.status, ...answer.body };
        this.done.push(result);
        return result;
      }
      if (answer.status === 503 && answer.body?.code === 'unavailable' && Number(answer.headers.get('retry-after')) > 0
        && answer.headers.get('content-type')?.startsWith('application/problem+json')) {
        this.unavailable += 1;
        if (givesUp) {
          this.abandoned.push(command);
          return null;
        }
      } else {
        this.unexpected.push(`${command.path}: ${answer.status} ${answer.text.slice(0, 300)}`);
      }
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }

  private async worker(w: number): Promise<void> {
    for (let k = 0; !this.stopping; k += 1) {
      const orderId = `${this.options.prefix}-${w}-${k}`;
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
        if (this.stopping) return;
        if (!(await this.execute(step, givesUp))) break;
      }
    }
  }

  private async reader(): Promise<void> {
    while (!this.stopping) {
      const last = this.done[this.done.length - 1];
      for (const p of [last ? `/orders/${last.orderId}` : '/orders', '/health']) {
        const started = Date.now();
        try {
          const answer = await call(this.options.baseUrl, 'GET', p, { headers: bearer('service'), deadlineMs: this.options.deadlineMs });
          this.reads += 1;
          if (answer.status === 503) this.readsUnavailable += 1;
          else if (answer.status !== 200 && answer.status !== 404) this.unexpected.push(`GET ${p}: ${answer.status} ${answer.text.slice(0, 300)}`);
        } catch (error) {
          if (!(error instanceof NoAnswerError)) throw error;
          this.hung.push(error.message);
        } finally {
          this.slowest = Math.max(this.slowest, Date.now() - started);
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
