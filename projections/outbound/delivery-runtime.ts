import type { Clock } from '@app/config';
import type { EventStore, RecordedEvent } from '@app/event-store';
import type { Pool } from 'pg';
import { AdvisoryLock } from '../runtime/advisory-lock';
import { backoffDelay, CancellableSleep } from '../runtime/backoff';
import { SILENT_LOGGER, type RuntimeLogger } from '../runtime/logger';
import { cloudEventOf } from './cloud-event';
import { AttemptRecorder } from './record-attempt';
import type { AttemptResult, SinkDriver } from './sinks/sink';
import type { Sink, Subscription } from './subscription';
import { SubscriptionStore, type PendingEvent } from './subscription-store';
import { readIntoQueues } from './subscription-reader';

export interface DeliveryOptions {
  /** How often the queues and the subscriptions are looked at when idle (and a clock jump is noticed). */
  pollMs: number;
  /** Events read from the log per step. */
  pageSize: number;
  /** Attempts in flight per subscription (each to a different order). */
  concurrency: number;
  /** Queued events per subscription beyond which the log is not read further (until some are delivered). */
  maxPending: number;
  standbyRetryMs: number;
  /** How long stop() waits for attempts in flight; one not recorded by then is simply sent again later. */
  stopTimeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  logger?: RuntimeLogger;
}

export const DELIVERY_DEFAULTS: DeliveryOptions = {
  pollMs: 250, pageSize: 500, concurrency: 64, maxPending: 20_000, standbyRetryMs: 2_000, stopTimeoutMs: 5_000, backoffBaseMs: 250, backoffMaxMs: 30_000,
};

export const DELIVERY_LOCK_KEY = 'outbound-delivery';

export interface DeliveryDependencies {
  pool: Pool;
  /** The store as stored (no decryption): to read the log into the queues. */
  rawStore: EventStore;
  /** The decrypting store: the events sent (personal values in clear, or "[erased]"). */
  store: EventStore;
  clock: Clock;
  sinks: (sink: Sink) => SinkDriver;
}

/**
 * Delivers every subscription's events from the stored log. One active instance across
 * processes (an advisory lock; standbys retry). Each subscription has its own attempts in
 * flight, so a slow or failing endpoint does not hold back the others; within one, the head of
 * each order's queue is attempted, so a failing order holds back only its own later events.
 * Everything it knows is in PostgreSQL: a killed process loses nothing, the next holder resumes.
 */
export class DeliveryRuntime {
  private readonly options: DeliveryOptions;
  private readonly lock: AdvisoryLock;
  private readonly subscriptions: SubscriptionStore;
  private readonly sleeper = new CancellableSleep();
  private readonly recorder: AttemptRecorder;
  private readonly inFlight = new Map<string, Map<string, Promise<void>>>();
  private stopping = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly deps: DeliveryDependencies, options: Partial<DeliveryOptions> = {}) {
    this.options = { ...DELIVERY_DEFAULTS, ...options };
    this.lock = new AdvisoryLock({ ...deps.pool.options, application_name: 'om-outbound-delivery' }, DELIVERY_LOCK_KEY);
    this.subscriptions = new SubscriptionStore(deps.pool);
    this.recorder = new AttemptRecorder(deps.pool);
  }

  get active(): boolean {
    return this.lock.held;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Waits for the attempts in flight (at most stopTimeoutMs), then lets the lock go. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.cancel();
    await this.loop;
    await this.lock.release();
  }

  private get logger(): RuntimeLogger {
    return this.options.logger ?? SILENT_LOGGER;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!(await this.lock.tryAcquire())) {
          await this.sleeper.sleep(this.options.standbyRetryMs);
          continue;
        }
        const busy = await this.step();
        failures = 0;
        if (!busy) await this.sleeper.sleep(this.options.pollMs);
      } catch (error) {
        failures += 1;
        this.logger.warn(`outbound delivery: ${error instanceof Error ? error.message : String(error)}; retrying`);
        await this.sleeper.sleep(backoffDelay(failures, this.options.backoffBaseMs, this.options.backoffMaxMs));
      }
    }
    // Within the process's shutdown deadline (10 s), even with attempts waiting on their 10 s timeout.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.stopTimeoutMs)));
    await Promise.race([Promise.all([...this.inFlight.values()].flatMap((attempts) => [...attempts.values()])), deadline]);
    clearTimeout(timer);
  }

  /** One pass over every subscription: read the log into its queues, start the attempts that are due. True when there is more to do at once. */
  private async step(): Promise<boolean> {
    const all = await this.subscriptions.all();
    for (const id of this.inFlight.keys()) if (!all.some((s) => s.subscriptionId === id) && !this.inFlight.get(id)!.size) this.inFlight.delete(id);
    const now = this.deps.clock.now();
    let busy = false;
    for (const subscription of all) {
      if (this.stopping || !this.lock.held) break;
      const room = (await this.subscriptions.pendingCount(subscription.subscriptionId, this.options.maxPending)) < this.options.maxPending;
      if (room && (await readIntoQueues(this.deps.pool, this.deps.rawStore, this.subscriptions, subscription, this.options.pageSize, now))) busy = true;
      if (!subscription.paused && (await this.dispatch(subscription))) busy = true;
    }
    return busy;
  }

  /** Starts attempts on the due heads of this subscription's order queues, up to its concurrency. */
  private async dispatch(subscription: Subscription): Promise<boolean> {
    const attempts = this.inFlight.get(subscription.subscriptionId) ?? new Map<string, Promise<void>>();
    this.inFlight.set(subscription.subscriptionId, attempts);
    const free = Math.min(this.options.concurrency, this.deps.sinks(subscription.sink).maxInFlight ?? Infinity) - attempts.size;
    if (free <= 0) return false;
    const now = this.deps.clock.now();
    const due = await this.subscriptions.dueHeads(subscription.subscriptionId, now, [...attempts.keys()], free);
    for (const pending of due) {
      const attempt = this.attempt(subscription, pending).finally(() => {
        attempts.delete(pending.seq);
        this.sleeper.cancel(); // the order's next event may be due now
      });
      attempts.set(pending.seq, attempt);
    }
    return false;
  }

  private async attempt(subscription: Subscription, pending: PendingEvent): Promise<void> {
    try {
      const result = await this.send(subscription, pending);
      await this.recorder.record({ subscriptionId: subscription.subscriptionId, pending, result, now: this.deps.clock.now() });
    } catch (error) {
      // Not recorded (the database away): the event stays at its order's head and is tried again.
      this.logger.warn(`outbound ${subscription.subscriptionId}: attempt on ${pending.eventId} not recorded: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async send(subscription: Subscription, pending: PendingEvent): Promise<AttemptResult> {
    const event = await readOne(this.deps.store, pending.streamId, pending.revision);
    if (!event || event.eventId !== pending.eventId) return { outcome: 'rejected', durationMs: 0, error: `event ${pending.eventId} is not in the store` };
    const message = cloudEventOf(event, subscription.personalData);
    return this.deps.sinks(subscription.sink).deliver({ subscription, event: message, body: JSON.stringify(message), now: this.deps.clock.now() });
  }
}

async function readOne(store: EventStore, streamId: string, revision: number): Promise<RecordedEvent | null> {
  for await (const event of store.readStream(streamId, { fromRevision: revision, toRevision: revision, maxCount: 1 })) return event;
  return null;
}
