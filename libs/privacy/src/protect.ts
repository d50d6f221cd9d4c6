import { hasPlaintextPersonalData, protectEventData } from './event-data';
import type { KeyRing } from './key-ring';

export interface UnsealedEvent {
  type: string;
  data: Record<string, unknown>;
}

/**
 * The write path's step between `decide` and the hash chain: every personal value of the new
 * events sealed under the customer's key, made on first need (the customer's first order, or
 * new data after an erasure). Events without personal values are returned as they are.
 */
export async function protectEvents<T extends UnsealedEvent>(keyRing: KeyRing, customerId: string, events: readonly T[]): Promise<T[]> {
  if (!events.some((event) => hasPlaintextPersonalData(event.type, event.data))) return [...events];
  // decide refuses commands on orders that do not exist, so a customer is always known here.
  if (!customerId) throw new Error('Personal data to seal, but no customer to seal it for');
  const key = await keyRing.keyForWriting(customerId);
  return events.map((event) => ({ ...event, data: protectEventData(event.type, event.data, key) }));
}
