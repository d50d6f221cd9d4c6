/**
 * The order as folded from its events: what `decide` needs to judge a command and what the
 * read model shows. Plain data, treated as immutable: `evolve` returns new objects and shares
 * the unchanged ones.
 */
import type {
  Address, Category, ComplaintCategory, Customer, DeliveryFailureReason, Inspection, LineQuantity,
  OrderLine, PaymentMethod, RefundDestination, RefundReason, ReturnReason, ReturnResolution, CancelReason, CancelledBy,
} from './events';

export type LineStatus =
  | 'pending_payment' | 'awaiting_shipment' | 'shipped' | 'delivered' | 'delivery_failed' | 'completed'
  | 'return_requested' | 'return_approved' | 'return_in_transit' | 'return_received' | 'refunded' | 'cancelled'
  | 'repair_in_progress' | 'exchange_pending_payment' | 'exchanged';

/**
 * Where a line is in fulfilment alone, ignoring payment, cancellation, returns and refunds.
 * Kept apart from the shown status so that a rejected or failed return can put the line
 * "back where it was" without remembering anything else.
 */
export type FulfilmentStage = 'awaiting_shipment' | 'shipped' | 'delivered' | 'delivery_failed' | 'completed';

export type OrderStatus = 'refunded' | 'cancelled' | 'pending_payment' | 'completed' | 'processing';

export type ReturnStatus =
  | 'requested' | 'approved' | 'rejected' | 'in_transit' | 'received' | 'failed_inspection' | 'refunded' | 'replaced'
  | 'repair_in_progress' | 'repaired'
  /** Shown only (the order view): a passed exchange for another product whose balance is not paid yet. */
  | 'exchange_pending_payment';

export type ComplaintStatus = 'open' | 'responded' | 'resolved';

export interface LineState {
  readonly lineId: string;
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly category: Category;
  /** The status shown to callers (derived; kept current by evolve). */
  readonly status: LineStatus;
  readonly stage: FulfilmentStage;
  /** Units handed to the customer by the carrier (the whole line: carriers report per line). */
  readonly deliveredQuantity: number;
  /** Units back with the merchant from a passed return, neither refunded nor replaced yet. */
  readonly returnedQuantity: number;
  readonly refundedQuantity: number;
  /** Units cancelled before shipment (LineCancelled, an edit's replacement, a cancelled order; LineRestored gives replaced ones back). */
  readonly cancelledQuantity: number;
  /** Cancelled units whose money is owed back unit by unit (paid for, not yet refunded). */
  readonly refundOwedQuantity: number;
  /**
   * Cancelled units that owe nothing back: cancelled before payment, replaced by an edit (the
   * edit's difference settles their money) or added by an edit whose balance was never paid.
   */
  readonly cancelledSettledQuantity: number;
  /** Units an edit added to a paid order whose balance is not paid yet: the line cannot ship. */
  readonly awaitingBalanceQuantity: number;
  /** Units returned and exchanged for another product (ExchangePriced): settled, no longer the customer's. */
  readonly exchangedQuantity: number;
  /** The return this line was added by, as the other product of an exchange: it ships as that return's replacement. */
  readonly exchangeOf?: string;
  readonly shipmentId?: string;
  readonly carrier?: string;
  readonly trackingNumber?: string;
  readonly dispatchedAt?: string;
  readonly deliveredAt?: string;
  readonly deliveryFailure?: DeliveryFailureReason;
  readonly receiptConfirmed: boolean;
  readonly openReturnId?: string;
}

export interface ShipmentState {
  readonly shipmentId: string;
  readonly lineIds: readonly string[];
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly dispatchedAt: string;
  readonly replacement: boolean;
  readonly returnId?: string;
}

export interface ReturnState {
  readonly returnId: string;
  readonly status: ReturnStatus;
  readonly reason: ReturnReason;
  readonly resolution: ReturnResolution;
  readonly lines: readonly LineQuantity[];
  readonly merchantFault: boolean;
  readonly requestedAt: string;
  readonly note?: string;
  readonly rejectionReason?: string;
  readonly carrier?: string;
  readonly trackingNumber?: string;
  readonly shippingCost?: number;
  readonly inspection?: Inspection;
  readonly inspectionNote?: string;
  readonly receivedAt?: string;
  readonly refundId?: string;
  readonly replacementShipmentId?: string;
  /** Resolution exchange for another product: the lines the customer gets instead. */
  readonly exchangeFor?: readonly OrderLine[];
  /** When the exchange's difference was settled into the order (its inspection passed). */
  readonly exchangePricedAt?: string;
}

export interface RefundState {
  readonly refundId: string;
  readonly reason: RefundReason;
  readonly returnId?: string;
  readonly editId?: string;
  readonly lines: readonly LineQuantity[];
  readonly destination: RefundDestination;
  readonly method: PaymentMethod;
  readonly goods: number;
  readonly shipping: number;
  readonly returnShipping: number;
  readonly processingFee: number;
  readonly feeRetained: number;
  readonly total: number;
  readonly issuedAt: string;
}

/** One edit as the order remembers it (the view lists them). */
export interface EditState {
  readonly editId: string;
  readonly editedAt: string;
  readonly before: EditTotals;
  readonly after: EditTotals;
  readonly balanceDue: number;
  readonly refundDue: number;
}

export interface EditTotals {
  readonly goodsTotal: number;
  readonly total: number;
}

export interface ComplaintState {
  readonly complaintId: string;
  readonly category: ComplaintCategory;
  readonly status: ComplaintStatus;
  readonly message: string;
  readonly openedAt: string;
  readonly responses: number;
  readonly resolution?: string;
  /** Resolved and the customer not yet asked how it went: feedback is taken once per resolution. */
  readonly awaitingFeedback: boolean;
  /** The customer's last feedback; kept when it reopened the complaint. */
  readonly feedback?: ComplaintFeedback;
  readonly reopenedCount: number;
}

export interface ComplaintFeedback {
  readonly satisfied: boolean;
  readonly at: string;
  readonly comment?: string;
}

/** Running refund totals the refund maths continues from. */
export interface RefundedTotals {
  /** Goods refunded so far, goodwill included; never above paidGoods. */
  readonly goods: number;
  /** Processing-fee shares counted so far, refunded and retained alike. */
  readonly feeShareCounted: number;
  readonly shippingRefunded: boolean;
  /** Money given back so far (sum of refund totals). */
  readonly total: number;
}

export interface OrderState {
  readonly exists: boolean;
  readonly orderId: string;
  readonly customer: Customer;
  readonly channel: string;
  readonly currency: string;
  readonly lines: readonly LineState[];
  readonly shippingFee: number;
  readonly payment: { readonly method: PaymentMethod; readonly processingFee: number };
  readonly shippingAddress?: Address;
  /** Goods of the units not cancelled: what the order costs now, before fees. */
  readonly goodsTotal: number;
  /** goodsTotal + shippingFee + processingFee. */
  readonly total: number;
  readonly paid: boolean;
  /** Every payment received: the first one and any balance payments. */
  readonly paidAmount: number;
  /** The goods part of every payment received: the base of the processing-fee share of refunds. */
  readonly paidGoods: number;
  /** What edits of the paid order still ask the customer to pay (0 when nothing is due). */
  readonly balanceDue: number;
  /** When the balance now due started to be due (its payment deadline counts from here). */
  readonly balanceDueSince?: string;
  /**
   * Paid units that edits replaced (replace_line) while the balance now due is unpaid: if it
   * lapses they come back (LineRestored). Empty or absent when no balance is due (states stored
   * by a projection before this field existed lack it: read it as empty).
   */
  readonly replacedUnderBalance?: readonly LineQuantity[];
  /** Money owed back because of edits (a lower total, or a lapsed balance's credit), not yet refunded. */
  readonly editRefundDue: number;
  readonly edits: readonly EditState[];
  readonly paidAt?: string;
  readonly transactionId?: string;
  readonly paymentFailure?: string;
  readonly cancelled: boolean;
  readonly cancellation?: { readonly reason: CancelReason; readonly by: CancelledBy; readonly at: string };
  readonly shipments: readonly ShipmentState[];
  readonly returns: readonly ReturnState[];
  readonly refunds: readonly RefundState[];
  readonly complaints: readonly ComplaintState[];
  readonly refunded: RefundedTotals;
  /** Stream revision of the last folded event; -1 before the first. */
  readonly revision: number;
  readonly placedAt: string;
  readonly updatedAt: string;
}

/**
 * Every key is present, optional ones as undefined: states then share one hidden class, which
 * keeps the object spreads in evolve on V8's fast path (a fold runs over millions of events).
 */
export const initialOrderState: OrderState = Object.freeze({
  exists: false,
  orderId: '',
  customer: Object.freeze({ id: '', registered: false }),
  channel: '',
  currency: '',
  lines: Object.freeze([]) as readonly LineState[],
  shippingFee: 0,
  payment: Object.freeze({ method: 'card' as PaymentMethod, processingFee: 0 }),
  shippingAddress: undefined,
  goodsTotal: 0,
  total: 0,
  paid: false,
  paidAmount: 0,
  paidGoods: 0,
  balanceDue: 0,
  balanceDueSince: undefined,
  replacedUnderBalance: undefined,
  editRefundDue: 0,
  edits: Object.freeze([]) as readonly EditState[],
  paidAt: undefined,
  transactionId: undefined,
  paymentFailure: undefined,
  cancelled: false,
  cancellation: undefined,
  shipments: Object.freeze([]) as readonly ShipmentState[],
  returns: Object.freeze([]) as readonly ReturnState[],
  refunds: Object.freeze([]) as readonly RefundState[],
  complaints: Object.freeze([]) as readonly ComplaintState[],
  refunded: Object.freeze({ goods: 0, feeShareCounted: 0, shippingRefunded: false, total: 0 }),
  revision: -1,
  placedAt: '',
  updatedAt: '',
});
