/** Shipping, delivery, replacements and receipt: the commands. */
import type { DeliveryFailureReason } from './events';

export interface DispatchShipment {
  type: 'DispatchShipment'; orderId: string; shipmentId: string; lineIds: string[]; carrier: string; trackingNumber: string;
}
/** deliveredAt: ISO time from the carrier; defaults to now. */
export interface MarkItemDelivered { type: 'MarkItemDelivered'; orderId: string; lineId: string; deliveredAt?: string }
export interface MarkItemDeliveryFailed { type: 'MarkItemDeliveryFailed'; orderId: string; lineId: string; reason: DeliveryFailureReason }
export interface ShipReplacement {
  type: 'ShipReplacement'; orderId: string; shipmentId: string; lineIds: string[]; carrier: string; trackingNumber: string; returnId?: string;
}
/** lineIds omitted: every delivered, unconfirmed line. `by: 'system'` from the receipt timer. */
export interface ConfirmReceipt { type: 'ConfirmReceipt'; orderId: string; lineIds?: string[]; by: 'buyer' | 'system' }

export type ShippingCommand = DispatchShipment | MarkItemDelivered | MarkItemDeliveryFailed | ShipReplacement | ConfirmReceipt;
