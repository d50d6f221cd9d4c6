import { orderIdFromStream, type RecordedEvent } from '@app/event-store';

/** A batch's events per order, in stream order (the global order keeps each stream's order). Other streams are not ours. */
export function groupByOrder(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byOrder = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const orderId = orderIdFromStream(event.streamId);
    if (orderId === null) continue;
    const list = byOrder.get(orderId);
    if (list) list.push(event);
    else byOrder.set(orderId, [event]);
  }
  return byOrder;
}
