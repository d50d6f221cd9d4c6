import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { chainEvents, GENESIS_HASH } from '@app/audit';
import { CLOCK, type Clock } from '@app/config';
import {
  EVENT_STORE, orderStream, WrongExpectedRevisionError, type EventStore, type NewEvent, type RecordedEvent,
} from '@app/event-store';
import { BusinessCalendar, CURRENT_SCHEMA_VERSION, decide, DomainError, initialOrderState, type OrderCommand, type OrderPolicy } from '@app/ordering';
import { METRICS, type Metrics } from '@app/observability';
import { protectEvents, type KeyRing } from '@app/privacy';
import { IdempotencyStore } from '../idempotency/idempotency-store';
import { KEY_RING } from '../infrastructure/tokens';
import { eventIdsFor } from './deterministic-ids';
import { ExecuteOrderCommand, type CommandContext, type CommandResult } from './execute-order-command';
import { KeyedMutex } from './keyed-mutex';
import { loadOrder, type OrderHistory } from './order-history';
import { customerOf, RequestFingerprints } from './request-fingerprint';

export const ORDER_POLICY = Symbol('ORDER_POLICY');
export const BUSINESS_CALENDAR = Symbol('BUSINESS_CALENDAR');
/** Conflicts come only from other processes (see KeyedMutex); a few re-decisions settle them. */
const MAX_ATTEMPTS = 10;

/**
 * Is a stored request fingerprint this request's? Built on first use only: most commands have
 * nothing to compare against, and building it may look up the customer's key.
 */
type SameRequest = (storedFingerprint: unknown) => Promise<boolean>;

/**
 * The write path for every order command: read the stream (decrypted), fold, decide, seal the
 * personal values of the new events with the customer's key, chain hashes over that sealed
 * form, append at the expected revision. Without If-Match a concurrent write means re-read and
 * re-decide.
 */
@CommandHandler(ExecuteOrderCommand)
export class OrderCommandHandler implements ICommandHandler<ExecuteOrderCommand, CommandResult> {
  private readonly logger = new Logger('commands');
  private readonly perOrder = new KeyedMutex();
  private readonly fingerprints: RequestFingerprints;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_RING) private readonly keyRing: KeyRing,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDER_POLICY) private readonly policy: OrderPolicy,
    @Inject(BUSINESS_CALENDAR) private readonly calendar: BusinessCalendar,
    private readonly idempotency: IdempotencyStore,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {
    this.fingerprints = new RequestFingerprints(keyRing);
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

  private async executeNow(command: OrderCommand, context: CommandContext): Promise<CommandResult> {
    const key = context.idempotencyKey;
    for (let attempt = 1; ; attempt += 1) {
      const unread = attempt === 1 && placesUnseenOrder(command, context);
      const history = unread ? NO_ORDER : await loadOrder(this.store, command.orderId);
      const sameRequest = this.lazyMatcher(command, context, history);
      if (key && attempt === 1) {
        const first = await this.idempotency.find<CommandResult>(key, context.path, this.clock.now());
        if (first) return sameRequestOrRefuse(await sameRequest(first.requestHash), normalised(first.response));
      }
      const earlier = await this.answerFromHistory(command, context, history, sameRequest);
      if (earlier) return this.remember(context, earlier.requestHash, earlier.result);
      try {
        const appended = await this.decideAndAppend(command, context, history);
        return this.remember(context, appended.requestHash, appended.result);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (context.expectedRevision !== undefined) throw revisionMismatch(context.expectedRevision, error.actual);
        if (attempt >= MAX_ATTEMPTS) throw error;
        this.logger.debug(`conflict on ${error.streamId}, re-deciding (attempt ${attempt + 1})`);
        // Not a race when the stream was never read: the order exists; read it now.
        if (!unread) await sleep(Math.random() * 10 * attempt);
      }
    }
  }

  private lazyMatcher(command: OrderCommand, context: CommandContext, history: OrderHistory): SameRequest {
    let matcher: Promise<(stored: unknown) => boolean> | undefined;
    return async (stored) => {
      matcher ??= this.fingerprints.matcher(command, context, customerOf(command, history.state));
      return (await matcher)(stored);
    };
  }

  private async decideAndAppend(command: OrderCommand, context: CommandContext, history: OrderHistory): Promise<Answer> {
    if (context.expectedRevision !== undefined && context.expectedRevision !== history.revision) {
      throw revisionMismatch(context.expectedRevision, history.revision ?? 'no_stream');
    }
    const now = this.clock.now();
    const decided = decide(command, history.state, { now, policy: this.policy, calendar: this.calendar });
    if (decided.length === 0) throw new DomainError('invalid_state_transition', 'The command changes nothing.');
    const customerId = customerOf(command, history.state);
    // Sealed before chaining: the hashes cover the stored (encrypted) form, so verification never needs keys.
    const sealed = await protectEvents(this.keyRing, customerId, decided.map((e) => ({ type: e.type, data: e.data as unknown as Record<string, unknown> })));
    const requestHash = await this.fingerprints.toStore(command, context, customerId);
    const ids = eventIdsFor(decided.length, { idempotencyKey: context.idempotencyKey, path: context.path, orderId: command.orderId });
    const metadata = this.metadataFor(context, now, requestHash);
    const lastHash = history.events.length ? String(history.events[history.events.length - 1].metadata.hash ?? GENESIS_HASH) : GENESIS_HASH;
    const events: NewEvent[] = chainEvents(sealed.map((event, index) => ({ eventId: ids[index], ...event, metadata })), lastHash);
    const appended = await this.store.append(orderStream(command.orderId), events, history.revision ?? 'no_stream');
    return {
      result: { orderId: command.orderId, revision: appended.revision, position: appended.position, events: decided.map((e) => e.type) },
      requestHash,
    };
  }

  /**
   * A command already in the stream: the same Idempotency-Key (its deterministic first event id),
   * or the same order placed again with the same body.
   */
  private async answerFromHistory(command: OrderCommand, context: CommandContext, history: OrderHistory, sameRequest: SameRequest): Promise<Answer | null> {
    if (context.idempotencyKey) {
      const [firstId] = eventIdsFor(1, { idempotencyKey: context.idempotencyKey, path: context.path, orderId: command.orderId });
      const start = history.events.findIndex((e) => e.eventId === firstId);
      if (start >= 0) {
        const stored = history.events[start].metadata.requestHash;
        const own = history.events.slice(start).filter((e) => e.metadata.idempotencyKey === context.idempotencyKey && e.metadata.requestHash === stored);
        return { result: sameRequestOrRefuse(await sameRequest(stored), resultOf(command.orderId, own)), requestHash: String(stored) };
      }
    }
    if (command.type === 'PlaceOrder' && history.events.length > 0) {
      const placed = history.events[0];
      if (!(await sameRequest(placed.metadata.requestHash))) {
        throw new DomainError('order_already_exists', `Order ${command.orderId} was already placed with a different body.`);
      }
      return { result: resultOf(command.orderId, [placed]), requestHash: String(placed.metadata.requestHash) };
    }
    return null;
  }

  private metadataFor(context: CommandContext, now: Date, requestHash: string): Record<string, unknown> {
    const actor = context.actor.kind === 'system'
      ? { type: 'system', name: context.actor.name }
      : { type: 'token', role: context.actor.role, tokenName: context.actor.tokenName };
    return {
      actor,
      correlationId: context.correlationId,
      causationId: context.causationId ?? context.correlationId,
      ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
      occurredAt: now.toISOString(),
      schemaVersion: CURRENT_SCHEMA_VERSION,
      policyVersion: this.policy.version,
      requestHash,
    };
  }

  private async remember(context: CommandContext, requestHash: string, result: CommandResult): Promise<CommandResult> {
    if (context.idempotencyKey) await this.idempotency.save(context.idempotencyKey, context.path, requestHash, result, this.clock.now());
    return result;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const NO_ORDER: OrderHistory = { state: initialOrderState, events: [], revision: null };

/**
 * A PlaceOrder with neither Idempotency-Key nor If-Match is decided without reading the stream
 * first: a new order has none, and an existing one makes the append (expected no_stream) fail,
 * after which the stream is read and the usual rules answer. With a key the read stays: the
 * store would return an earlier append with the same derived event ids as this one's, and
 * only the history can tell whether that earlier request had the same body.
 */
function placesUnseenOrder(command: OrderCommand, context: CommandContext): boolean {
  return command.type === 'PlaceOrder' && !context.idempotencyKey && context.expectedRevision === undefined;
}

/** An answer and the request fingerprint to remember it under. */
interface Answer {
  result: CommandResult;
  requestHash: string;
}

/** Stored answers come back from jsonb with keys reordered; answer in the documented order. */
function normalised({ orderId, revision, position, events }: CommandResult): CommandResult {
  return { orderId, revision, position, events };
}

function resultOf(orderId: string, events: RecordedEvent[]): CommandResult {
  const last = events[events.length - 1];
  return { orderId, revision: last.revision, position: last.position, events: events.map((e) => e.type) };
}

function sameRequestOrRefuse(same: boolean, response: CommandResult): CommandResult {
  if (!same) {
    throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.');
  }
  return response;
}

function revisionMismatch(expected: number, actual: number | 'no_stream'): DomainError {
  return new DomainError('revision_mismatch', `If-Match expected revision ${expected}, the order is at ${actual === 'no_stream' ? 'no revision (not found)' : actual}.`);
}
