/** Placing, paying and cancelling: the commands. */
import type { Address, Category, CustomerLocale, PaymentMethod } from '../values';
import type { CancelledBy } from './events';

export interface PlaceOrder {
  type: 'PlaceOrder';
  orderId: string;
  customer: { id: string; email?: string; name?: string; registered: boolean; locale?: CustomerLocale };
  channel: string;
  currency: string;
  lines: Array<{ lineId?: string; sku: string; name: string; quantity: number; unitPrice: number; category: Category }>;
  shippingFee: number;
  payment: { method: PaymentMethod; processingFee: number };
  shippingAddress?: Address;
}
export interface ConfirmPayment { type: 'ConfirmPayment'; orderId: string; transactionId: string; amount: number }
export interface FailPayment { type: 'FailPayment'; orderId: string; reason: string }
/** `by: 'system'` only from the SLA scheduler (reason payment_timeout). */
export interface CancelOrder { type: 'CancelOrder'; orderId: string; reason: string; by: CancelledBy }

export type PlacingCommand = PlaceOrder | ConfirmPayment | FailPayment | CancelOrder;
