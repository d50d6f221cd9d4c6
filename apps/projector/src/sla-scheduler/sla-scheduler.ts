/**
 * One pass of the SLA scheduler: catch the sla-timers model up with the store, then send the
 * timeout command of every due acting timer down the write path and record the outcome.
 *
 * Exactly once: passes are serialised across processes by a PostgreSQL advisory lock; a timer
 * with a recorded outcome is never picked again; and the command carries the timer's
 * idempotency key, so even an append whose outcome was lost (crash before the record) is
 * answered from the stream on the next attempt instead of appending twice.
 */
import { DomainError } from '@app/ordering';
import type { Clock } from '@app/config';
import { EventStoreUnavailableError, type EventStore } from '@app/event-store';
import type { CommandBus } from '@nestjs/cqrs';
import type { Pool, PoolClient } from 'pg';
import type { CommandResult } from '@app/commands';
import { isDatabaseUnavailable } from '@app/database';
import { ProjectionLaggingError } from '@app/projections/nest';
import type { SlaTick } from './sla-tick';
import { findDueTimers } from './due-timers.query';
import { recordAction, type SlaAction } from '@app/projections/sla-timers';
import { waitForSettledLog } from './settled-log';
import { timeoutCommand, timeoutCommandOf, type DueTimer } from './timeout-commands';

/** hashtextextended of this is the advisory lock key; the projection runners use `projection:<name>`. */
export const SLA_SCHEDULER_LOCK = 'sla-scheduler';

export interface TickResult {
  acted: number;
  refused: number;
}

export interface SchedulerLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface SlaSchedulerDeps {
  pool: Pool;
  store: Pick<EventStore, 'headPosition'>;
  clock: Clock;
  commandBus: Pick<CommandBus, 'execute'>;
  /** True once the sla-timers projection has applied `position` (ProjectionCheckpoints.waitFor). */
  waitForProjection(position: string, timeoutMs: number): Promise<boolean>;
  logger?: SchedulerLogger;
  /** Told of the outcome of every due timer (metrics): acted, refused, retry or unavailable. */
  onAction?(kind: string, outcome: string): void;
}

export interface SlaSchedulerOptions {
  /** How long a pass waits for the projection to reach the store head. */
  catchUpTimeoutMs: number;
  /** Due timers read per query. */
  pageSize: number;
  /** Commands in flight at once (on different orders; one order's commands queue in the handler). */
  concurrency: number;
}

const DEFAULTS: SlaSchedulerOptions = { catchUpTimeoutMs: 5_000, pageSize: 200, concurrency: 8 };

type Outcome = 'acted' | 'refused' | 'retry' | 'unavailable';

const QUIET: SchedulerLogger = { log: () => undefined, warn: () => undefined };

export class SlaScheduler implements SlaTick {
  private readonly options: SlaSchedulerOptions;
  private readonly logger: SchedulerLogger;

  constructor(private readonly deps: SlaSchedulerDeps, options: Partial<SlaSchedulerOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.logger = deps.logger ?? QUIET;
  }

  /** One pass, waiting for another process's pass to finish first. Answers after its commands are appended. */
  async runOnce(): Promise<TickResult> {
    await this.catchUp();
    const result = await this.withLock(true, () => this.pass());
    return result ?? { acted: 0, refused: 0 }; // never null: a waiting lock is always taken
  }

  /** The periodic tick: skipped (null) when another process is in its pass; failures are logged and retried next tick. */
  async tick(): Promise<TickResult | null> {
    try {
      await this.catchUp();
      return await this.withLock(false, () => this.pass());
    } catch (error) {
      this.logger.warn(`SLA tick skipped: ${(error as Error).message}`);
      return null;
    }
  }

  /**
   * Acting on a stale view would miss timers a command just started and earn refusals a fresh
   * view avoids: wait until the projection has applied everything committed before this call.
   */
  private async catchUp(): Promise<void> {
    if (!(await waitForSettledLog(this.deps.pool, this.options.catchUpTimeoutMs))) {
      this.logger.warn('A long transaction keeps the event log from settling; going on with what is readable');
    }
    const head = await this.deps.store.headPosition();
    if (head === null) return;
    if (await this.deps.waitForProjection(head, this.options.catchUpTimeoutMs)) return;
    throw new ProjectionLaggingError('sla-timers', head);
  }

  /**
   * A session lock on a pool connection of its own. A connection that may still hold the lock
   * (the lock or unlock query failed) is destroyed rather than handed back to the pool.
   */
  private async withLock<T>(wait: boolean, work: () => Promise<T>): Promise<T | null> {
    const client = await this.deps.pool.connect();
    let locked = false;
    let destroy: Error | undefined;
    try {
      try {
        locked = wait ? await lock(client) : await tryLock(client);
      } catch (error) {
        destroy = error as Error;
        throw error;
      }
      return locked ? await work() : null;
    } finally {
      if (locked) await unlock(client).catch((error: Error) => { destroy = error; });
      client.release(destroy);
    }
  }

  private async pass(): Promise<TickResult> {
    const result: TickResult = { acted: 0, refused: 0 };
    const retryLater: string[] = [];
    for (;;) {
      const now = this.deps.clock.now();
      const due = await findDueTimers(this.deps.pool, now, this.options.pageSize, retryLater);
      const outcomes = await mapLimit(due, this.options.concurrency, async (timer) => {
        const outcome = await this.act(timer, now);
        this.deps.onAction?.(timer.kind, outcome);
        return outcome;
      });
      outcomes.forEach((outcome, i) => {
        if (outcome === 'acted' || outcome === 'refused') result[outcome] += 1;
        else retryLater.push(due[i].timerId);
      });
      // The store is down: every other command would fail the same way; the next tick retries.
      if (outcomes.includes('unavailable') || due.length < this.options.pageSize) break;
    }
    if (result.acted || result.refused) this.logger.log(`SLA pass: ${result.acted} acted, ${result.refused} refused`);
    return result;
  }

  private async act(timer: DueTimer, now: Date): Promise<Outcome> {
    const base: Omit<SlaAction, 'outcome'> = {
      timerId: timer.timerId, orderId: timer.orderId, kind: timer.kind, command: timeoutCommandOf(timer), attemptedAt: now,
    };
    try {
      const answer: CommandResult = await this.deps.commandBus.execute(timeoutCommand(timer));
      await recordAction(this.deps.pool, { ...base, outcome: 'acted', revision: answer.revision, position: answer.position });
      return 'acted';
    } catch (error) {
      if (error instanceof DomainError) {
        // The order changed meanwhile (paid, confirmed, returned...): the refusal is the answer.
        return this.recordRefusal(base, error);
      }
      if (error instanceof EventStoreUnavailableError || isDatabaseUnavailable(error)) return 'unavailable';
      this.logger.warn(`SLA timer ${timer.timerId}: ${(error as Error).message}; retried next tick`);
      return 'retry';
    }
  }

  private async recordRefusal(base: Omit<SlaAction, 'outcome'>, error: DomainError): Promise<Outcome> {
    try {
      await recordAction(this.deps.pool, { ...base, outcome: 'refused', code: error.code, detail: error.message });
      return 'refused';
    } catch (recordError) {
      return isDatabaseUnavailable(recordError) ? 'unavailable' : 'retry';
    }
  }
}

async function lock(client: PoolClient): Promise<boolean> {
  await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [SLA_SCHEDULER_LOCK]);
  return true;
}

async function tryLock(client: PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [SLA_SCHEDULER_LOCK]);
  return rows[0].locked;
}

async function unlock(client: PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [SLA_SCHEDULER_LOCK]);
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
