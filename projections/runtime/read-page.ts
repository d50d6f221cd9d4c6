import type { EventStore, RecordedEvent } from '@app/event-store';

/** Up to `limit` events strictly after `after` (null: from the first), in global order. */
export async function readPage(store: EventStore, after: string | null, limit: number): Promise<RecordedEvent[]> {
  const page: RecordedEvent[] = [];
  for await (const event of store.readAll({ after: after ?? undefined, limit })) page.push(event);
  return page;
}
