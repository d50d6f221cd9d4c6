/**
 * Stories written with the domain's fixtures, turned into what the event store hands a
 * projection: RecordedEvents of `order-<id>` streams, interleaved in one global order.
 */
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@app/event-store';
import { timeline, type History } from '../../../libs/ordering/src/testing/decider-spec';

export interface Story {
  orderId: string;
  history: History;
}

let position = 0;
const nextPosition = () => `${String(1).padStart(20, '0')}-${String((position += 1)).padStart(20, '0')}`;

export function recordedOf(orderId: string, history: History): RecordedEvent[] {
  return timeline(history).map((e) => ({
    eventId: randomUUID(),
    streamId: `order-${orderId}`,
    type: e.event.type,
    revision: e.revision,
    position: nextPosition(),
    recordedAt: new Date(e.occurredAt),
    data: e.event.data as unknown as Record<string, unknown>,
    metadata: { occurredAt: e.occurredAt, schemaVersion: 1, actor: { type: 'system', name: 'test' } },
  }));
}

/** Round robin over the stories: each stream keeps its order, streams interleave as in a busy store. */
export function interleave(stories: readonly Story[]): RecordedEvent[] {
  const queues = stories.map((s) => recordedOf(s.orderId, s.history));
  const all: RecordedEvent[] = [];
  while (queues.some((q) => q.length)) for (const q of queues) if (q.length) all.push(q.shift() as RecordedEvent);
  return all.map((e) => ({ ...e, position: nextPosition() }));
}

export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
