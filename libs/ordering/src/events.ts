/**
 * The order's event catalogue (docs/events.md). Types are string literals, never class names:
 * a stored event must keep its meaning across renames of code.
 * Money is integer minor units of the order's currency.
 */
export type Category = 'physical' | 'digital' | 'custom' | 'service';
export type PaymentMethod = 'card' | 'debit' | 'gpay' | 'paypal' | 'wallet' | 'bank_transfer';
export type CancelReason = 'payment_failed' | 'payment_timeout' | 'customer_request' | 'merchant' | (string & {});
export type CancelledBy = 'customer' | 'merchant' | 'system';
export type DeliveryFailureReason = 'lost' | 'damaged' | 'refused' | 'address_issue' | 'other';
export type ReturnReason = 'no_reason' | 'defective' | 'damaged_in_transit' | 'wrong_item' | 'not_as_described';
export type ReturnResolution = 'refund' | 'exchange';
export type Inspection = 'passed' | 'failed';
export type RefundReason = 'return' | 'delivery_failed' | 'cancellation' | 'goodwill';
export type RefundDestination = 'original' | 'wallet';
export type ComplaintCategory = 'delivery' | 'quality' | 'service' | 'billing' | 'other';

export interface Customer {
  id: string;
  email?: string;
  name?: string;
  registered: boolean;
}

export interface Address {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  region?: string;
  country: string;
}

export interface OrderLine {
  lineId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  category: Category;
}

export interface LineQuantity {
  lineId: string;
  quantity: number;
}

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
export interface ReturnRequested {
  returnId: string;
  lines: LineQuantity[];
  reason: ReturnReason;
  resolution: ReturnResolution;
  merchantFault: boolean;
  note?: string;
}
export interface ReturnApproved { returnId: string }
export interface ReturnRejected { returnId: string; reason: string }
export interface ReturnDispatched { returnId: string; carrier: string; trackingNumber: string; shippingCost: number }
export interface ReturnReceived { returnId: string; inspection: Inspection; note?: string }
export interface RefundIssued {
  refundId: string;
  reason: RefundReason;
  returnId?: string;
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
export interface ComplaintOpened { complaintId: string; category: ComplaintCategory; message: string }
export interface ComplaintResponded { complaintId: string; message: string }
export interface ComplaintResolved { complaintId: string; resolution: string }

export interface OrderEventDataByType {
  OrderPlaced: OrderPlaced;
  PaymentConfirmed: PaymentConfirmed;
  PaymentFailed: PaymentFailed;
  OrderCancelled: OrderCancelled;
  ShipmentDispatched: ShipmentDispatched;
  ItemDelivered: ItemDelivered;
  ItemDeliveryFailed: ItemDeliveryFailed;
  ReplacementShipped: ReplacementShipped;
  ReceiptConfirmed: ReceiptConfirmed;
  ReturnRequested: ReturnRequested;
  ReturnApproved: ReturnApproved;
  ReturnRejected: ReturnRejected;
  ReturnDispatched: ReturnDispatched;
  ReturnReceived: ReturnReceived;
  RefundIssued: RefundIssued;
  ComplaintOpened: ComplaintOpened;
  ComplaintResponded: ComplaintResponded;
  ComplaintResolved: ComplaintResolved;
}

export type OrderEventType = keyof OrderEventDataByType;

export type OrderEvent = {
  [K in OrderEventType]: { type: K; data: OrderEventDataByType[K] };
}[OrderEventType];

export type OrderEventOf<K extends OrderEventType> = Extract<OrderEvent, { type: K }>;

export const ORDER_EVENT_TYPES: readonly OrderEventType[] = [
  'OrderPlaced', 'PaymentConfirmed', 'PaymentFailed', 'OrderCancelled', 'ShipmentDispatched',
  'ItemDelivered', 'ItemDeliveryFailed', 'ReplacementShipped', 'ReceiptConfirmed',
  'ReturnRequested', 'ReturnApproved', 'ReturnRejected', 'ReturnDispatched', 'ReturnReceived',
  'RefundIssued', 'ComplaintOpened', 'ComplaintResponded', 'ComplaintResolved',
];

/** Current schema version of every order event; bump per type with an upcaster (upcasters.ts). */
export const CURRENT_SCHEMA_VERSION = 1;
