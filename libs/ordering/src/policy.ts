/**
 * The merchant's service levels and windows. Configuration, not code: the infrastructure may load
 * another policy, and records `version` in each event's metadata so an auditor knows which rules
 * a decision was taken under.
 */
import type { Category, ReturnReason } from './events';

export interface OrderPolicy {
  version: string;
  /** Calendar days from the line's delivery. */
  returnWindowDays: Record<ReturnReason, number>;
  receiptAutoConfirmDays: number;
  paymentTimeoutHours: number;
  shipmentBusinessDays: number;
  deliveryDays: number;
  returnReviewBusinessDays: number;
  refundAfterReturnBusinessDays: number;
  refundAfterCancellationOrFailureBusinessDays: number;
  complaintResponseHours: number;
  /** Business days from a complaint's resolution to the call asking the customer how it went. */
  followUpBusinessDays: number;
  /** Calendar days from the line's delivery a defective item is repaired or exchanged after its return window; 0: no warranty. */
  warrantyDays: Record<Category, number>;
  /** Business days from a repair's receipt to the repaired item's dispatch. */
  repairBusinessDays: number;
}

export const DEFAULT_POLICY: Readonly<OrderPolicy> = Object.freeze({
  version: '2026-12-1',
  returnWindowDays: Object.freeze({
    no_reason: 7,
    defective: 14,
    damaged_in_transit: 14,
    wrong_item: 14,
    not_as_described: 14,
  }),
  receiptAutoConfirmDays: 7,
  paymentTimeoutHours: 24,
  shipmentBusinessDays: 5,
  deliveryDays: 15,
  returnReviewBusinessDays: 2,
  refundAfterReturnBusinessDays: 7,
  refundAfterCancellationOrFailureBusinessDays: 3,
  complaintResponseHours: 24,
  followUpBusinessDays: 2,
  warrantyDays: Object.freeze({ physical: 365, custom: 365, digital: 0, service: 0 }),
  repairBusinessDays: 15,
});
