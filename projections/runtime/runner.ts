import type { EventStore, EventSubscription, RecordedEvent } from '@app/event-store';
import type { Pool } from 'pg';
import { AdvisoryLock, runnerLockKey } from './advisory-lock';
import { backoffDelay, CancellableSleep } from './backoff';
import { BatchSizer } from './batch-sizer';
import { commitBatch } from './batch-transaction';
import { bisectFailure, type CommitResult } from './bisect-failure';
import { ensureCheckpoint, markFailed, readCheckpoint, setState, type ProjectionState } from './checkpoints';
import { HandlerFailure } from './handler-failure';
import { describeError, type RuntimeLogger } from './logger';
import type { Projection } from './projection';
import { PageReader } from './page-reader';
import { rebuildProjection } from './rebuild';
import { schemasOf } from './schema-names';
import { watchForStall } from './stall-watchdog';
import { ThroughputMeter } from './throughput-meter';

export interface RunnerOptions {
  /** Events per batch (AppConfig.projectionBatchSize). */
  batchSize: number;
  /** How often a standby retries the lock. */
  standbyRetryMs: number;
  /** First retry delay after a failed batch; doubles per failure up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long stop() lets an in-flight batch finish before abandoning it. */
  stopTimeoutMs: number;
  /**
   * Live tail: at least this long from one batch's start to the next read, so events arriving
   * meanwhile share a batch (each batch costs ~7 round trips whatever its size). 0: read again at once.
   */
  liveBatchIntervalMs?: number;
  /**
   * Live tail: when the log head stays ahead of the projection this long while its subscription
   * delivers nothing, the subscription is dropped and the log read again (a frozen subscription
   * would otherwise hold the projection back forever, silently). Default 30 s.
   */
  stallMs?: number;
  /** Each time the watchdog dropped a frozen subscription (a metric counts them). */
  onResubscribe?: (name: string) => void;
  logger: RuntimeLogger;
  /** After each commit, in this process: wakes read-your-writes waiters at once. */
  onCommitted?: (name: string, position: string) => void;
}

export interface RunnerStatus {
  name: string;
  state: ProjectionState;
  /** Last committed position as this process knows it (the checkpoint table is the truth). */
  position: string | null;
  /** This process holds the projection's lock. */
  active: boolean;
  throughput: number;
  lastError: string | null;
  failedPosition: string | null;
}

const DEFAULT_STALL_MS = 30_000;

/** Why whileActive() returned: keep trying the lock, or let it go for a while (a newer version runs elsewhere). */
type ActiveEnd = 'continue' | 'yield';

/**
 * Runs one projection: at most one active instance across processes (advisory lock; a standby
 * retries and takes over when the holder's session ends), catch-up from the checkpoint in
 * batches, then the live tail. A failing batch is rolled back, bisected to the failing event,
 * marked `failed` with its position and retried with capped exponential backoff; no event is
 * ever skipped.
 */
export class ProjectionRunner {
  private state: ProjectionState = 'stopped';
  private position: string | null = null;
  private lastError: string | null = null;
  private failedPosition: string | null = null;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private waiting: EventSubscription | null = null;
  private readonly meter = new ThroughputMeter();
  private readonly sleeper = new CancellableSleep();
  private readonly lock: AdvisoryLock;
  private readonly schema: string;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly options: RunnerOptions,
  ) {
    this.lock = new AdvisoryLock({ ...pool.options, application_name: `om-projection:${projection.name}` }, runnerLockKey(projection.name));
    this.schema = schemasOf(projection).live;
  }

  get name(): string {
    return this.projection.name;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.state = 'idle'; // standby once a try for the lock fails
    this.loop = this.run()
      .catch((error: unknown) => this.options.logger.error(`projection ${this.name}: runner stopped unexpectedly: ${describeError(error)}`))
      .finally(() => {
        this.loop = null;
      });
  }

  /** Lets an in-flight batch commit (up to stopTimeoutMs, then abandons it), writes `stopped`, releases the lock. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    const loop = this.loop;
    this.stopping = true;
    this.wake();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.options.stopTimeoutMs)));
    const outcome = await Promise.race([loop.then(() => 'done' as const), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.options.logger.warn(`projection ${this.name}: abandoning the batch in flight to stop (it rolls back)`);
      await this.lock.release();
    }
  }

  status(): RunnerStatus {
    return {
      name: this.name,
      state: this.state,
      position: this.position,
      active: this.lock.held,
      throughput: this.lock.held ? this.meter.rate() : 0,
      lastError: this.lastError,
      failedPosition: this.failedPosition,
    };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let acquired = false;
      try {
        acquired = await this.lock.tryAcquire();
      } catch (error) {
        this.options.logger.warn(`projection ${this.name}: cannot try the lock: ${describeError(error)}`);
      }
      if (!acquired) {
        this.state = 'standby';
        await this.sleep(this.options.standbyRetryMs);
        continue;
      }
      this.options.logger.log(`projection ${this.name}: active in this process`);
      const unlisten = this.lock.onLost(() => {
        this.options.logger.warn(`projection ${this.name}: lost its lock connection; stepping down`);
        this.wake();
      });
      let end: ActiveEnd = 'continue';
      try {
        end = await this.whileActive();
      } finally {
        unlisten();
      }
      if (end === 'yield') {
        await this.lock.release();
        this.state = 'standby';
        await this.sleep(this.options.standbyRetryMs);
      }
    }
    if (this.lock.held) await setState(this.pool, this.name, 'stopped').catch(() => undefined);
    await this.lock.release();
    this.state = 'stopped';
  }

  private async whileActive(): Promise<ActiveEnd> {
    let failures = 0;
    let prepared = false;
    const reader = new PageReader(this.store, this.options.batchSize);
    const sizer = new BatchSizer(this.options.batchSize);
    while (!this.stopping && this.lock.held) {
      try {
        if (!prepared) {
          reader.reset();
          sizer.reset();
          if (!(await this.prepare())) return 'yield';
          prepared = true;
        }
        const page = await reader.next(this.position, sizer.current);
        if (page.length === 0) {
          await this.markCaughtUp();
          await this.waitForEvents();
          continue;
        }
        const full = reader.lastWasFull;
        const started = Date.now();
        if ((await this.applyPage(page, full)) === 'fenced') prepared = false;
        else sizer.record(full, Date.now() - started);
        failures = 0;
        if (!full) await this.pace(started);
      } catch (error) {
        failures += 1;
        await this.recordFailure(error);
        await this.sleep(backoffDelay(failures, this.options.backoffBaseMs, this.options.backoffMaxMs));
        prepared = false;
      }
    }
    return 'continue';
  }

  /**
   * Reads the checkpoint (the truth: a rebuild may have moved it) and makes sure the live tables
   * are this code's version. False: a newer version runs somewhere; this instance stands by.
   */
  private async prepare(): Promise<boolean> {
    await ensureCheckpoint(this.pool, this.name, this.projection.version);
    let checkpoint = await readCheckpoint(this.pool, this.name);
    if (checkpoint && checkpoint.version > this.projection.version) {
      this.options.logger.warn(
        `projection ${this.name}: the tables are version ${checkpoint.version}, this build knows ${this.projection.version}; standing by`,
      );
      return false;
    }
    const liveExists = await this.pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.schema]);
    if (!checkpoint || checkpoint.version < this.projection.version || liveExists.rowCount === 0) {
      this.options.logger.log(`projection ${this.name}: rebuilding to version ${this.projection.version}`);
      this.state = 'rebuilding';
      await setState(this.pool, this.name, 'rebuilding');
      await rebuildProjection(this.pool, this.store, this.projection, { batchSize: this.options.batchSize, logger: this.options.logger });
      checkpoint = await readCheckpoint(this.pool, this.name);
    }
    this.position = checkpoint?.position ?? null;
    this.state = 'catching_up';
    return true;
  }

  /** `full`: the page came back as long as it was asked for, so more is waiting (catching up). */
  private async applyPage(page: RecordedEvent[], full: boolean): Promise<CommitResult> {
    const state: ProjectionState = full ? 'catching_up' : 'running';
    const commit = async (events: RecordedEvent[]): Promise<CommitResult> => {
      const outcome = await commitBatch(this.pool, {
        projection: this.projection,
        schema: this.schema,
        expected: this.position,
        events,
        state,
        throughput: this.meter.rate(),
      });
      if (outcome.kind === 'fenced') return 'fenced';
      this.committed(events.length, outcome.position, state);
      return 'committed';
    };
    try {
      return await commit(page);
    } catch (error) {
      if (page.length === 1) throw new HandlerFailure(error, page[0].position);
      return bisectFailure(page, commit);
    }
  }

  private committed(count: number, position: string, state: ProjectionState): void {
    if (this.state === 'failed') this.options.logger.log(`projection ${this.name}: recovered at ${position}`);
    this.position = position;
    this.state = state;
    this.lastError = null;
    this.failedPosition = null;
    this.meter.record(count);
    this.options.onCommitted?.(this.name, position);
  }

  private async markCaughtUp(): Promise<void> {
    if (this.state === 'running') return;
    this.state = 'running';
    await setState(this.pool, this.name, 'running');
  }

  private async recordFailure(error: unknown): Promise<void> {
    const failedPosition = error instanceof HandlerFailure ? error.position : null;
    const cause = error instanceof HandlerFailure ? error.cause : error;
    const message = describeError(cause);
    this.state = 'failed';
    this.lastError = message;
    this.failedPosition = failedPosition;
    this.options.logger.error(
      `projection ${this.name}: ${failedPosition ? `failed at ${failedPosition}` : 'failed'}: ${cause instanceof Error ? cause.stack ?? message : message}`,
    );
    if (this.lock.held) await markFailed(this.pool, this.name, message, failedPosition).catch(() => undefined);
  }

  /**
   * Sleeps until the store has an event after our position (its notification or its poll), stop,
   * lock loss, or the watchdog finding the subscription frozen; the caller then reads the log
   * and, when caught up, subscribes anew.
   */
  private async waitForEvents(): Promise<void> {
    const subscription = this.store.subscribeToAll({ after: this.position ?? undefined });
    this.waiting = subscription;
    const events = subscription[Symbol.asyncIterator]();
    const watchdog = watchForStall(this.store, this.position, this.options.stallMs ?? DEFAULT_STALL_MS);
    try {
      if (this.stopping || !this.lock.held) return;
      // The event itself is re-read as part of the next page, with whatever else is there.
      const next = events.next();
      next.catch(() => undefined); // when the watchdog wins, a later failure of this wait is moot
      const woken = await Promise.race([next.then(() => 'event' as const), watchdog.stalled.then(() => 'stalled' as const)]);
      if (woken === 'stalled') {
        this.options.logger.warn(`projection ${this.name}: the log head is ahead and the subscription delivered nothing for ${this.options.stallMs ?? DEFAULT_STALL_MS} ms; resubscribing`);
        this.options.onResubscribe?.(this.name);
      }
    } finally {
      watchdog.cancel();
      this.waiting = null;
      await subscription.close();
      // Not awaited: a frozen iterator may never settle its pending next(), and return() queues behind it.
      events.return?.()?.catch(() => undefined);
    }
  }

  /** Live tail: the rest of liveBatchIntervalMs since the batch started (catching up never waits). */
  private async pace(batchStarted: number): Promise<void> {
    const rest = batchStarted + (this.options.liveBatchIntervalMs ?? 0) - Date.now();
    if (rest > 0) await this.sleep(rest);
  }

  /** No waiting once stopping: a retry delay must not hold up a shutdown. */
  private sleep(ms: number): Promise<void> {
    return this.stopping ? Promise.resolve() : this.sleeper.sleep(ms);
  }

  private wake(): void {
    this.sleeper.cancel();
    void this.waiting?.close();
  }
}
