/** Placing, paying and cancelling: the events (docs/events.md). */
import { eventType } from '../event-type';
import type { Address, Customer, OrderLine, PaymentMethod } from '../values';

export type CancelReason = 'payment_failed' | 'payment_timeout' | 'customer_request' | 'merchant' | (string & {});
export type CancelledBy = 'customer' | 'merchant' | 'system';

export interface OrderPlaced {
  orderId: string;
  customer: Customer;
  channel: string;
  currency: string;
  lines: OrderLine[];
  shippingFee: number;
  payment: { method: PaymentMethod; processingFee: number };
  shippingAddress?: Address;
  goodsTotal: number;
  total: number;
}
export interface PaymentConfirmed { transactionId: string; amount: number }
export interface PaymentFailed { reason: string }
export interface OrderCancelled { reason: CancelReason; by: CancelledBy }

export const PLACING_EVENTS = {
  OrderPlaced: eventType<OrderPlaced>({ schemaVersion: 1 }),
  PaymentConfirmed: eventType<PaymentConfirmed>({ schemaVersion: 1 }),
  PaymentFailed: eventType<PaymentFailed>({ schemaVersion: 1 }),
  OrderCancelled: eventType<OrderCancelled>({ schemaVersion: 1 }),
} as const;
