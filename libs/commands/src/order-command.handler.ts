import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { BusinessCalendar, DomainError, type OrderCommand, type OrderPolicy } from '@app/ordering';
import { METRICS, type Metrics } from '@app/observability';
import { OrderHistoryCache } from '@app/order-fold';
import { BUSINESS_CALENDAR, ORDER_POLICY } from '@app/platform';
import { KEY_RING, type KeyRing } from '@app/privacy';
import type { Answer, CommandContext, CommandResult } from './command-context';
import { eventIdsFor } from './deterministic-ids';
import { ExecuteOrderCommand } from './execute-order-command';
import { IdempotencyStore } from './idempotency-store';
import { KeyedMutex } from './keyed-mutex';
import { appendToOrder } from './pipeline/append';
import { chainNewEvents } from './pipeline/chain';
import { decideNew } from './pipeline/decide';
import { withIdempotency } from './pipeline/idempotency';
import { decidesUnread, loadForCommand } from './pipeline/load';
import { replayFromHistory, type SameRequest } from './pipeline/replay';
import { randomPause, retryOnConflict } from './pipeline/retry-on-conflict';
import { customerOf, sealEvents } from './pipeline/seal';
import { RequestFingerprints } from './request-fingerprint';

/**
 * The write path for every order command, a composition of the steps in pipeline/:
 * per-order queue → idempotency (first answer again) → retry on conflict of
 * [load → replay from the stream → decide → seal → chain → append].
 */
@CommandHandler(ExecuteOrderCommand)
export class OrderCommandHandler implements ICommandHandler<ExecuteOrderCommand, CommandResult> {
  private readonly perOrder = new KeyedMutex();
  private readonly fingerprints: RequestFingerprints;
  private readonly histories: OrderHistoryCache;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_RING) private readonly keyRing: KeyRing,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDER_POLICY) private readonly policy: OrderPolicy,
    @Inject(BUSINESS_CALENDAR) private readonly calendar: BusinessCalendar,
    private readonly idempotency: IdempotencyStore,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.fingerprints = new RequestFingerprints(keyRing);
    this.histories = new OrderHistoryCache({ ttlMs: config.piiKeyCacheMs });
  }

  async execute({ command, context }: ExecuteOrderCommand): Promise<CommandResult> {
    const stopTimer = this.metrics.commandDuration.startTimer({ type: command.type });
    try {
      const result = await this.perOrder.run(command.orderId, () => this.executeNow(command, context));
      this.metrics.commands.inc({ type: command.type, outcome: 'ok' });
      stopTimer({ outcome: 'ok' });
      return result;
    } catch (error) {
      const refused = error instanceof DomainError;
      this.metrics.commands.inc({ type: command.type, outcome: refused ? `refused:${error.code}` : 'error' });
      // Refusals append nothing: timed apart, they do not hide slow appends (libs/observability).
      stopTimer({ outcome: refused ? 'refused' : 'error' });
      throw error;
    }
  }

  private executeNow(command: OrderCommand, context: CommandContext): Promise<CommandResult> {
    return withIdempotency(this.idempotency, this.clock, context, {
      sameRequest: async (stored) => this.sameRequest(command, context, await this.customerFor(command))(stored),
      run: () => retryOnConflict((attempt) => this.attempt(command, context, attempt), {
        expectedRevision: context.expectedRevision,
        // An unread first attempt (a PlaceOrder) raced no one: the order exists; read it at once.
        pause: (next) => (next === 2 && decidesUnread(command, context, 1) ? Promise.resolve() : randomPause(next)),
      }),
    });
  }

  private async attempt(command: OrderCommand, context: CommandContext, attempt: number): Promise<Answer> {
    const history = await loadForCommand(this.histories, this.store, command, context, attempt);
    const customerId = customerOf(command, history.state);
    const earlier = await replayFromHistory(command, context, history, this.sameRequest(command, context, customerId));
    if (earlier) return earlier;
    const now = this.clock.now();
    const decided = decideNew(command, context, history, { now, policy: this.policy, calendar: this.calendar });
    const sealed = await sealEvents(this.keyRing, customerId, decided);
    const requestHash = await this.fingerprints.toStore(command, context, customerId);
    const ids = eventIdsFor(decided.length, { idempotencyKey: context.idempotencyKey, path: context.path, orderId: command.orderId });
    const events = chainNewEvents(sealed, history, { ids, context, now, requestHash, policyVersion: this.policy.version });
    return { result: await appendToOrder(this.store, command.orderId, history, events), requestHash };
  }

  /**
   * Compares stored fingerprints with this request's, the matcher built on first use only: most
   * commands have nothing to compare against, and building it may look up the customer's key.
   */
  private sameRequest(command: OrderCommand, context: CommandContext, customerId: string): SameRequest {
    let matcher: Promise<(stored: unknown) => boolean> | undefined;
    return async (stored) => {
      matcher ??= this.fingerprints.matcher(command, context, customerId);
      return (await matcher)(stored);
    };
  }

  /** The customer whose key may have keyed a stored fingerprint (read only when a first answer is found). */
  private async customerFor(command: OrderCommand): Promise<string> {
    if (command.type === 'PlaceOrder') return command.customer.id;
    return (await this.histories.load(this.store, command.orderId)).state.customer.id;
  }
}
