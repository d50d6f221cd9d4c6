/**
 * Writes orders' events straight through the event store port, many writers at once, so the
 * global log interleaves orders as real traffic does while delivery runs. The events are of
 * real order types but carry no personal field: delivery forwards whatever the log holds.
 */
import { randomUUID } from 'node:crypto';
import { orderStream, type EventStore } from '@app/event-store';

const TYPES = ['ShipmentDispatched', 'ItemDelivered', 'ReceiptConfirmed', 'ComplaintResolved'];

export interface WrittenOrder {
  orderId: string;
  eventIds: string[];
}

export async function writeOrders(store: EventStore, orders: number, eventsPerOrder: number, writers: number, prefix: string): Promise<WrittenOrder[]> {
  const written: WrittenOrder[] = Array.from({ length: orders }, (_, i) => ({ orderId: `${prefix}-${i}`, eventIds: [] }));
  // Every (order, revision) step, shuffled, then handed out to writers; an order's steps stay in revision order.
  const queue: WrittenOrder[] = written.flatMap((o) => Array.from({ length: eventsPerOrder }, () => o));
  for (let i = queue.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [queue[i], queue[j]] = [queue[j], queue[i]];
  }
  const busy = new Set<string>();
  const writer = async () => {
    while (queue.length) {
      const index = queue.findIndex((o) => !busy.has(o.orderId));
      if (index < 0) {
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      const [order] = queue.splice(index, 1);
      busy.add(order.orderId);
      const revision = order.eventIds.length;
      const eventId = randomUUID();
      await store.append(orderStream(order.orderId), [{
        eventId,
        type: TYPES[revision % TYPES.length],
        data: { orderId: order.orderId, step: revision },
        metadata: { occurredAt: new Date().toISOString(), schemaVersion: 1 },
      }], revision === 0 ? 'no_stream' : revision - 1);
      order.eventIds.push(eventId);
      busy.delete(order.orderId);
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return written;
}

/**
 * What a receiver must have seen: every event at least once, and per order never an earlier
 * revision after a later one (a redelivery after a crash repeats the last event, never goes back).
 */
export function orderingProblems(written: WrittenOrder[], received: Array<{ id: string; subject: string }>): string[] {
  const problems: string[] = [];
  const byOrder = new Map<string, string[]>();
  for (const r of received) byOrder.set(r.subject, [...(byOrder.get(r.subject) ?? []), r.id]);
  for (const { orderId, eventIds } of written) {
    const got = byOrder.get(orderId) ?? [];
    const missing = eventIds.filter((id) => !got.includes(id));
    if (missing.length) problems.push(`${orderId}: ${missing.length} of ${eventIds.length} events never arrived`);
    const revisions = got.map((id) => eventIds.indexOf(id));
    if (revisions.some((rev, i) => i > 0 && rev < revisions[i - 1])) problems.push(`${orderId}: out of order: ${revisions.join(',')}`);
  }
  return problems;
}
