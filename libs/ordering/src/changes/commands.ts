/** Changing an order before it ships: the commands. */
import type { Address, OrderLine } from '../values';
import type { LineCancelReason } from './events';

/** Over HTTP the reason is out_of_stock, cannot_fulfil or customer_request; the actor follows from it. */
export interface CancelLine {
  type: 'CancelLine'; orderId: string; lineId: string; quantity?: number; reason: Exclude<LineCancelReason, 'payment_timeout'>;
}

export type EditChange =
  | { op: 'set_quantity'; lineId: string; quantity: number }
  | { op: 'add_line'; line: OrderLine }
  | { op: 'replace_line'; lineId: string; line: OrderLine }
  | { op: 'set_shipping_address'; shippingAddress: Address };

export interface EditOrder { type: 'EditOrder'; orderId: string; editId: string; changes: EditChange[] }

/** The SLA scheduler's, when the balance of an edit is not paid within the payment timeout. */
export interface LapseBalance { type: 'LapseBalance'; orderId: string }

export type ChangeCommand = CancelLine | EditOrder | LapseBalance;
