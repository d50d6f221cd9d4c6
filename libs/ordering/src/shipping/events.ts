/** Shipping, delivery, replacements and receipt: the events (docs/events.md). */
import { eventType } from '../event-type';

export type DeliveryFailureReason = 'lost' | 'damaged' | 'refused' | 'address_issue' | 'other';

export interface ShipmentDispatched { shipmentId: string; lineIds: string[]; carrier: string; trackingNumber: string }
export interface ItemDelivered { lineId: string; deliveredAt: string }
export interface ItemDeliveryFailed { lineId: string; reason: DeliveryFailureReason }
export interface ReplacementShipped {
  lineIds: string[];
  shipmentId: string;
  carrier: string;
  trackingNumber: string;
  returnId?: string;
}
export interface ReceiptConfirmed { lineIds: string[]; by: 'buyer' | 'system' }

export const SHIPPING_EVENTS = {
  ShipmentDispatched: eventType<ShipmentDispatched>({ schemaVersion: 1 }),
  ItemDelivered: eventType<ItemDelivered>({ schemaVersion: 1 }),
  ItemDeliveryFailed: eventType<ItemDeliveryFailed>({ schemaVersion: 1 }),
  ReplacementShipped: eventType<ReplacementShipped>({ schemaVersion: 1 }),
  ReceiptConfirmed: eventType<ReceiptConfirmed>({ schemaVersion: 1 }),
} as const;
