/** Changing an order before it ships: cancelling units of a line, editing the order (docs/events.md). */
import { eventType } from '../event-type';
import type { Address, LineQuantity, OrderLine } from '../values';
import type { CancelledBy } from '../placing/events';

/**
 * Why units of a line were cancelled. `out_of_stock` and `cannot_fulfil` are the merchant's and
 * call for a staff alert (notifications key on this field); `payment_timeout` is the system's,
 * when the balance of an edit was not paid in time.
 */
export type LineCancelReason = 'out_of_stock' | 'cannot_fulfil' | 'customer_request' | 'payment_timeout';

export interface LineCancelled {
  lineId: string;
  quantity: number;
  reason: LineCancelReason;
  by: CancelledBy;
}

/** One change of an edit as recorded: what was asked, plus what the decider worked out. */
export type EditChangeRecord =
  | { op: 'set_quantity'; lineId: string; quantity: number; previousQuantity: number }
  | { op: 'add_line'; line: OrderLine }
  /** `cancelledQuantity`: the old line's units cancelled with reason `replaced`. */
  | { op: 'replace_line'; lineId: string; cancelledQuantity: number; line: OrderLine }
  | { op: 'set_shipping_address'; shippingAddress: Address };

export interface EditTotalsData {
  goodsTotal: number;
  total: number;
}

export interface OrderEdited {
  editId: string;
  changes: EditChangeRecord[];
  before: EditTotalsData;
  after: EditTotalsData;
  /** The order's balance and edit refund once this edit is made (0 on an unpaid order). */
  balanceDue: number;
  refundDue: number;
  /** Units this edit added that wait for the balance before they can ship. */
  awaitingBalance: LineQuantity[];
}

/**
 * Units of a line an edit replaced (replace_line) come back because the balance of that edit
 * lapsed: the replacement is cancelled in the same command, and the order goes on with the line
 * the customer had already paid for. The only reason today is `payment_timeout`.
 */
export interface LineRestored {
  lineId: string;
  quantity: number;
  reason: 'payment_timeout';
}

export const CHANGE_EVENTS = {
  LineCancelled: eventType<LineCancelled>({ schemaVersion: 1 }),
  OrderEdited: eventType<OrderEdited>({ schemaVersion: 1 }),
  LineRestored: eventType<LineRestored>({ schemaVersion: 1 }),
} as const;
