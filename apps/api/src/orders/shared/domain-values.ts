/**
 * The enum values accepted over HTTP. Written as records keyed by the domain's literal types so that
 * the compiler flags a value added to (or removed from) the domain but not here.
 */
import type {
  CancelledBy, Category, EditChange, LineCancelReason, ComplaintCategory, CustomerLocale, DeliveryFailureReason, Inspection, PaymentMethod, RefundDestination,
  RefundReason, ReturnReason, ReturnResolution,
} from '@app/ordering';

function valuesOf<T extends string>(record: Record<T, true>): readonly T[] {
  return Object.keys(record) as T[];
}

export const PAYMENT_METHODS = valuesOf<PaymentMethod>({ card: true, debit: true, gpay: true, paypal: true, wallet: true, bank_transfer: true });
export const CATEGORIES = valuesOf<Category>({ physical: true, digital: true, custom: true, service: true });
/** `system` cancels only from the SLA scheduler, never over HTTP. */
export const HTTP_CANCELLED_BY = valuesOf<Exclude<CancelledBy, 'system'>>({ customer: true, merchant: true });
export const DELIVERY_FAILURE_REASONS = valuesOf<DeliveryFailureReason>({ lost: true, damaged: true, refused: true, address_issue: true, other: true });
export const RETURN_REASONS = valuesOf<ReturnReason>({
  no_reason: true, defective: true, damaged_in_transit: true, wrong_item: true, not_as_described: true,
});
export const RETURN_RESOLUTIONS = valuesOf<ReturnResolution>({ refund: true, exchange: true, repair: true });
export const INSPECTIONS = valuesOf<Inspection>({ passed: true, failed: true });
export const REFUND_REASONS = valuesOf<RefundReason>({ return: true, delivery_failed: true, cancellation: true, goodwill: true, edit: true, exchange: true });
/** `payment_timeout` is the SLA scheduler's only. */
export const HTTP_LINE_CANCEL_REASONS = valuesOf<Exclude<LineCancelReason, 'payment_timeout'>>({ out_of_stock: true, cannot_fulfil: true, customer_request: true });
export const EDIT_OPS = valuesOf<EditChange['op']>({ set_quantity: true, add_line: true, replace_line: true, set_shipping_address: true });
export const REFUND_DESTINATIONS = valuesOf<RefundDestination>({ original: true, wallet: true });
export const COMPLAINT_CATEGORIES = valuesOf<ComplaintCategory>({ delivery: true, quality: true, service: true, billing: true, other: true });
export const CUSTOMER_LOCALE_VALUES = valuesOf<CustomerLocale>({ en: true, fr: true, fi: true, zh: true });
