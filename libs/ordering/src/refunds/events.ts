/** Refunds: the event (docs/events.md). Every amount is computed by the decider (refund-math). */
import { eventType } from '../event-type';
import type { LineQuantity, PaymentMethod } from '../values';

export type RefundReason = 'return' | 'delivery_failed' | 'cancellation' | 'goodwill' | 'edit' | 'exchange';
export type RefundDestination = 'original' | 'wallet';

export interface RefundIssued {
  refundId: string;
  reason: RefundReason;
  /** reason return: the return refunded; reason exchange: the exchange whose difference is refunded. */
  returnId?: string;
  /** reason edit: the edit whose difference is refunded. */
  editId?: string;
  lines: LineQuantity[];
  destination: RefundDestination;
  method: PaymentMethod;
  goods: number;
  shipping: number;
  returnShipping: number;
  processingFee: number;
  feeRetained: number;
  total: number;
}

export const REFUND_EVENTS = {
  RefundIssued: eventType<RefundIssued>({ schemaVersion: 1 }),
} as const;
