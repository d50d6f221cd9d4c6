/**
 * Customers' personal data in the folded order (docs/privacy.md): the customer's e-mail and
 * name, the shipping address, and every free text (notes, messages, reasons, resolutions). Ids, amounts, skus
 * and statuses are not personal. Encryption is an infrastructure concern (libs/privacy); the
 * domain only knows what an erased value looks like and how to blank a folded state.
 */
import type { Address, Customer } from './events';
import type { ComplaintState, OrderState, ReturnState } from './state';

/** What a personal field shows once its customer's data key is gone. */
export const ERASED = '[erased]';

/**
 * Appended to `customer-<customerId>` when a customer's personal data is erased. Not an order
 * event (no order stream carries it), so it is not in the order catalogue or its upcasters.
 */
export const CUSTOMER_DATA_ERASED = 'CustomerDataErased';

export interface CustomerDataErased {
  customerId: string;
}

/**
 * The state with every personal value replaced by ERASED; everything else (shape, optional
 * keys present or absent, amounts, statuses) unchanged, so folding can continue from it and
 * the result equals folding events whose personal fields read ERASED.
 */
export function redactPersonalData(state: OrderState): OrderState {
  return {
    ...state,
    customer: redactCustomer(state.customer),
    shippingAddress: state.shippingAddress === undefined ? undefined : redactAddress(state.shippingAddress),
    returns: state.returns.map(redactReturn),
    complaints: state.complaints.map(redactComplaint),
    paymentFailure: state.paymentFailure === undefined ? undefined : ERASED,
    cancellation: state.cancellation === undefined ? undefined : { ...state.cancellation, reason: ERASED },
  };
}

function redactCustomer(c: Customer): Customer {
  return {
    ...c,
    ...(c.email !== undefined ? { email: ERASED } : {}),
    ...(c.name !== undefined ? { name: ERASED } : {}),
  };
}

function redactAddress(a: Address): Address {
  const redacted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(a)) redacted[key] = typeof value === 'string' ? ERASED : value;
  return redacted as unknown as Address;
}

function redactReturn(r: ReturnState): ReturnState {
  if (r.note === undefined && r.inspectionNote === undefined && r.rejectionReason === undefined) return r;
  return {
    ...r,
    ...(r.note !== undefined ? { note: ERASED } : {}),
    ...(r.inspectionNote !== undefined ? { inspectionNote: ERASED } : {}),
    ...(r.rejectionReason !== undefined ? { rejectionReason: ERASED } : {}),
  };
}

function redactComplaint(c: ComplaintState): ComplaintState {
  return {
    ...c,
    message: ERASED,
    ...(c.resolution !== undefined ? { resolution: ERASED } : {}),
    ...(c.feedback?.comment !== undefined ? { feedback: { ...c.feedback, comment: ERASED } } : {}),
  };
}
