import type { EventStore, RecordedEvent } from '@app/event-store';
import { orderIdFromStream } from '@app/event-store';
import type { Pool } from 'pg';
import { readPage } from '../runtime/read-page';
import { inTransaction } from '../runtime/transaction';
import { occurredAt } from './cloud-event';
import type { SkipBefore, Subscription } from './subscription';
import type { SubscriptionStore } from './subscription-store';

/**
 * Reads the next page of the log after a subscription's position and queues what it wants
 * (order events of its types, past its skip point), moving the position in the same
 * transaction. Answers whether the page was full (more may follow at once).
 */
export async function readIntoQueues(
  pool: Pool, store: EventStore, subscriptions: SubscriptionStore, subscription: Subscription, pageSize: number, now: Date,
): Promise<boolean> {
  const page = await readPage(store, subscription.position, pageSize);
  if (!page.length) return false;
  let skip = subscription.skipBefore;
  const wanted: RecordedEvent[] = [];
  for (const event of page) {
    if (orderIdFromStream(event.streamId) === null) continue;
    if (skip && before(store, event, skip)) continue;
    skip = null;
    if (subscription.eventTypes && !subscription.eventTypes.includes(event.type)) continue;
    wanted.push(event);
  }
  // Asynchronous commit: a PostgreSQL crash can only lose queue rows together with the position
  // past them, and the page is then read again.
  await inTransaction(
    pool,
    (client) => subscriptions.enqueue(client, subscription.subscriptionId, subscription.position, page[page.length - 1].position, skip, wanted, now),
    { asynchronousCommit: true },
  );
  return page.length === pageSize;
}

function before(store: EventStore, event: RecordedEvent, skip: SkipBefore): boolean {
  if ('position' in skip) return store.comparePositions(event.position, skip.position) < 0;
  return Date.parse(occurredAt(event)) < Date.parse(skip.time);
}
