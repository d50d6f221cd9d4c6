import { verifyChainAgainst, type AnchoredVerification, type CheckpointAnchor } from '@app/audit';
import { orderStream, type EventStore, type RecordedEvent } from '@app/event-store';
import { NotFoundError, toOrderView, type OrderView } from '@app/ordering';
import { foldHistory, occurredAtOf } from '@app/order-fold';
import { presentEvent, type AuditedEvent, type EventPresenter } from './event-presenter';

export type { AuditedEvent } from './event-presenter';

export type StateAt = { at: Date } | { revision: number };

export type OrderVerification = AnchoredVerification & { orderId: string };

/** What the signed checkpoints say about a stream; null when no signing key is configured. */
export interface CheckpointAnchors {
  anchorsFor(streamId: string): Promise<CheckpointAnchor[] | null>;
}

export interface OrderAuditStores {
  /** The store as every reader sees it (the privacy view decrypts personal data): history and state. */
  store: EventStore;
  /** The stored form, which the hashes were computed over: verification only. */
  stored: EventStore;
  /** The signed checkpoints verification checks the chain against (docs/auditing.md); absent: disabled. */
  checkpoints?: CheckpointAnchors;
}

/**
 * The auditors' reads, answered from the event store itself (never from a read model): the
 * history (data upcast to today's shape, metadata as stored), the state replayed with the write
 * side's own fold, and the hash chain recomputed over the stored form.
 */
export class OrderAudit {
  private readonly store: EventStore;
  private readonly stored: EventStore;
  private readonly checkpoints?: CheckpointAnchors;

  constructor(stores: EventStore | OrderAuditStores, private readonly present: EventPresenter = presentEvent) {
    const both = 'stored' in stores ? stores : { store: stores, stored: stores };
    this.store = both.store;
    this.stored = both.stored;
    this.checkpoints = 'stored' in stores ? stores.checkpoints : undefined;
  }

  /** Page by page from the store: a long history is never held whole. */
  async *history(orderId: string): AsyncGenerator<AuditedEvent> {
    for await (const recorded of this.store.readStream(orderStream(orderId))) yield this.present(recorded);
  }

  /**
   * The history, or null when the order does not exist. The first event is read before answering
   * (so a caller can still say 404 before it starts a response), then the same read continues:
   * no separate existence query.
   */
  async historyIfExists(orderId: string): Promise<AsyncIterable<AuditedEvent> | null> {
    const events = this.history(orderId);
    const first = await events.next();
    if (first.done) return null;
    return (async function* () {
      try {
        yield first.value;
        yield* events;
      } finally {
        await events.return(undefined); // a reader that stopped after the first event
      }
    })();
  }

  /**
   * The fold of the events up to a revision, or of those that had occurred by a time (business
   * time, occurredAt). Reads only as far as needed. The events of a stream are in the order they
   * were decided, so the first event after `at` ends the replay even if a later one claims an
   * earlier time (a clock step back): nothing can be folded without what came before it.
   */
  async stateAt(orderId: string, when: StateAt): Promise<OrderView> {
    const events: RecordedEvent[] = [];
    if ('revision' in when) {
      for await (const recorded of this.store.readStream(orderStream(orderId), { toRevision: when.revision })) events.push(recorded);
      if (events.length === 0) throw orderNotFound(orderId);
      const head = events[events.length - 1].revision;
      if (head < when.revision) throw new RevisionBeyondHeadError(when.revision, head);
    } else {
      for await (const recorded of this.store.readStream(orderStream(orderId))) {
        if (Date.parse(occurredAtOf(recorded)) > when.at.getTime()) {
          if (events.length === 0) throw new NotFoundError('order_not_found', `Order ${orderId} had not been placed at ${when.at.toISOString()}.`);
          break;
        }
        events.push(recorded);
      }
      if (events.length === 0) throw orderNotFound(orderId);
    }
    const state = foldHistory(events);
    if (!state.exists) throw new NotFoundError('order_not_found', `Order ${orderId} had not been placed at that point.`);
    return toOrderView(state);
  }

  /**
   * The chain recomputed over the stored form and checked against every signed checkpoint that
   * names the order. A stream whose every event is gone but that a checkpoint names is broken, not unknown.
   */
  async verify(orderId: string): Promise<OrderVerification> {
    const streamId = orderStream(orderId);
    const anchors = (await this.checkpoints?.anchorsFor(streamId)) ?? null;
    const result = await verifyChainAgainst(this.stored.readStream(streamId), anchors);
    if (result.events === 0 && result.valid) throw orderNotFound(orderId);
    return { orderId, ...result };
  }
}

export class RevisionBeyondHeadError extends Error {
  constructor(readonly requested: number, readonly head: number) {
    super(`Revision ${requested} is beyond the order's head revision ${head}.`);
    this.name = 'RevisionBeyondHeadError';
  }
}

function orderNotFound(orderId: string): NotFoundError {
  return new NotFoundError('order_not_found', `Order ${orderId} does not exist.`);
}
