import type { EventStore } from '@app/event-store';
import { SubscriptionExistsError, SubscriptionStore, type Subscription } from '../outbound';
import { NOTIFYING_EVENT_TYPES } from './compose';

/** The outbound subscription that sends the emails (docs/notifications.md): shown by GET /subscriptions like any other. */
export const EMAIL_SUBSCRIPTION_ID = 'notifications-email';

/**
 * Made by the delivering process at start when missing, reading from the log's end then ("now":
 * an existing shop does not mail its whole history on the upgrade). Its events are read with
 * personal values in clear ("[erased]" after an erasure): the emails need the address.
 * Answers whether it was made now.
 */
export async function ensureEmailSubscription(subscriptions: SubscriptionStore, rawStore: EventStore, now: Date): Promise<boolean> {
  if (await subscriptions.find(EMAIL_SUBSCRIPTION_ID)) {
    await subscriptions.setEventTypes(EMAIL_SUBSCRIPTION_ID, [...NOTIFYING_EVENT_TYPES]);
    return false;
  }
  const subscription: Subscription = {
    subscriptionId: EMAIL_SUBSCRIPTION_ID,
    sink: { type: 'email' },
    eventTypes: [...NOTIFYING_EVENT_TYPES],
    personalData: true,
    paused: false,
    position: await rawStore.headPosition(),
    skipBefore: null,
    secrets: [],
    createdAt: now,
  };
  try {
    await subscriptions.create(subscription);
    return true;
  } catch (error) {
    if (error instanceof SubscriptionExistsError) return false; // another process made it meanwhile
    throw error;
  }
}
