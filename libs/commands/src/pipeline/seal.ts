import type { OrderCommand, OrderEvent, OrderState } from '@app/ordering';
import { protectEvents, type KeyRing, type UnsealedEvent } from '@app/privacy';

/** Whose key seals the command's data: the customer placing the order, else the order's customer. */
export function customerOf(command: OrderCommand, state: OrderState): string {
  return command.type === 'PlaceOrder' ? command.customer.id : state.customer.id;
}

/**
 * Step 4, seal: the personal values of the new events under the customer's key. Sealed before
 * chaining: the hashes cover the stored (encrypted) form, so verification never needs keys.
 */
export function sealEvents(keyRing: KeyRing, customerId: string, decided: readonly OrderEvent[]): Promise<UnsealedEvent[]> {
  return protectEvents(keyRing, customerId, decided.map((e) => ({ type: e.type, data: e.data as unknown as Record<string, unknown> })));
}
