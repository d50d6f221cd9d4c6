/** The return flow: the commands. */
import type { LineQuantity, OrderLine } from '../values';
import type { Inspection, ReturnReason, ReturnResolution } from './events';

export interface RequestReturn {
  type: 'RequestReturn'; orderId: string; returnId: string; lines: LineQuantity[]; reason: ReturnReason; resolution: ReturnResolution; note?: string;
  /** Resolution exchange only: the other product(s) the customer wants instead (validated like an edit's new lines). */
  exchangeFor?: OrderLine[];
}
export interface ApproveReturn { type: 'ApproveReturn'; orderId: string; returnId: string }
export interface RejectReturn { type: 'RejectReturn'; orderId: string; returnId: string; reason: string }
export interface DispatchReturn {
  type: 'DispatchReturn'; orderId: string; returnId: string; carrier: string; trackingNumber: string; shippingCost: number;
}
export interface ReceiveReturn { type: 'ReceiveReturn'; orderId: string; returnId: string; inspection: Inspection; note?: string }

export interface CompleteRepair {
  type: 'CompleteRepair'; orderId: string; returnId: string; shipmentId: string; carrier: string; trackingNumber: string;
}

export type ReturnCommand = RequestReturn | ApproveReturn | RejectReturn | DispatchReturn | ReceiveReturn | CompleteRepair;
