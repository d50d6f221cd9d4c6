/**
 * Commands are imperative and carry only what the caller decides; the decider computes the rest
 * (totals, refund amounts, merchant fault). HTTP bodies map onto these one to one.
 */
import type {
  Address, Category, CancelledBy, ComplaintCategory, DeliveryFailureReason, Inspection, LineQuantity,
  PaymentMethod, RefundDestination, RefundReason, ReturnReason, ReturnResolution,
} from './events';

export interface PlaceOrder {
  type: 'PlaceOrder';
  orderId: string;
  customer: { id: string; email?: string; name?: string; registered: boolean };
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
export interface RequestReturn {
  type: 'RequestReturn'; orderId: string; returnId: string; lines: LineQuantity[]; reason: ReturnReason; resolution: ReturnResolution; note?: string;
}
export interface ApproveReturn { type: 'ApproveReturn'; orderId: string; returnId: string }
export interface RejectReturn { type: 'RejectReturn'; orderId: string; returnId: string; reason: string }
export interface DispatchReturn {
  type: 'DispatchReturn'; orderId: string; returnId: string; carrier: string; trackingNumber: string; shippingCost: number;
}
export interface ReceiveReturn { type: 'ReceiveReturn'; orderId: string; returnId: string; inspection: Inspection; note?: string }
export interface IssueRefund {
  type: 'IssueRefund'; orderId: string; refundId: string; reason: RefundReason; destination: RefundDestination;
  returnId?: string; lines?: LineQuantity[]; amount?: number;
}
export interface OpenComplaint { type: 'OpenComplaint'; orderId: string; complaintId: string; category: ComplaintCategory; message: string }
export interface RespondToComplaint { type: 'RespondToComplaint'; orderId: string; complaintId: string; message: string }
export interface ResolveComplaint { type: 'ResolveComplaint'; orderId: string; complaintId: string; resolution: string }

export type OrderCommand =
  | PlaceOrder | ConfirmPayment | FailPayment | CancelOrder | DispatchShipment | MarkItemDelivered
  | MarkItemDeliveryFailed | ShipReplacement | ConfirmReceipt | RequestReturn | ApproveReturn | RejectReturn
  | DispatchReturn | ReceiveReturn | IssueRefund | OpenComplaint | RespondToComplaint | ResolveComplaint;

export type OrderCommandType = OrderCommand['type'];
