import { verifyChain, type ChainVerification } from '@app/audit';
import { orderStream, type EventStore, type RecordedEvent } from '@app/event-store';
import { NotFoundError, toOrderView, type OrderView } from '@app/ordering';
import { foldRecorded, occurredAtOf, toDomainEvent } from '../commands/order-history';

export interface AuditedEvent {
  eventId: string;
  type: string;
  revision: number;
  position: string;
  recordedAt: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export type StateAt = { at: Date } | { revision: number };

/**
 * The auditors' reads, answered from the event store itself (never from a read model): the
 * history as stored (data upcast to the current shape, metadata as stored, schemaVersion kept),
 * the state replayed with the write side's own fold, and the hash chain.
 */
export class OrderAudit {
  constructor(private readonly store: EventStore) {}

  async *history(orderId: string): AsyncGenerator<AuditedEvent> {
    for await (const recorded of this.store.readStream(orderStream(orderId))) yield presentEvent(recorded);
  }

  async exists(orderId: string): Promise<boolean> {
    for await (const _ of this.store.readStream(orderStream(orderId), { maxCount: 1 })) return true;
    return false;
  }

  async stateAt(orderId: string, when: StateAt): Promise<OrderView> {
    const events: RecordedEvent[] = [];
    for await (const recorded of this.store.readStream(orderStream(orderId))) events.push(recorded);
    if (events.length === 0) throw new NotFoundError('order_not_found', `Order ${orderId} does not exist.`);
    if ('revision' in when && when.revision > events[events.length - 1].revision) {
      throw new RevisionBeyondHeadError(when.revision, events[events.length - 1].revision);
    }
    const include = 'revision' in when
      ? (e: RecordedEvent) => e.revision <= when.revision
      : (e: RecordedEvent) => Date.parse(occurredAtOf(e)) <= when.at.getTime();
    const state = foldRecorded(events, include);
    if (!state.exists) throw new NotFoundError('order_not_found', `Order ${orderId} had not been placed at that time.`);
    return toOrderView(state);
  }

  async verify(orderId: string): Promise<ChainVerification & { orderId: string }> {
    const result = await verifyChain(this.store.readStream(orderStream(orderId)));
    if (result.events === 0 && result.valid) throw new NotFoundError('order_not_found', `Order ${orderId} does not exist.`);
    return { orderId, ...result };
  }
}

export class RevisionBeyondHeadError extends Error {
  constructor(readonly requested: number, readonly head: number) {
    super(`Revision ${requested} is beyond the order's head revision ${head}.`);
  }
}

export function presentEvent(recorded: RecordedEvent): AuditedEvent {
  return {
    eventId: recorded.eventId,
    type: recorded.type,
    revision: recorded.revision,
    position: recorded.position,
    recordedAt: recorded.recordedAt.toISOString(),
    data: toDomainEvent(recorded).data,
    metadata: recorded.metadata,
  };
}
