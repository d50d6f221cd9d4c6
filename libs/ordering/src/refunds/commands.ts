/** Refunds: the command. The caller names what is refunded and where; the decider computes every amount. */
import type { LineQuantity } from '../values';
import type { RefundDestination, RefundReason } from './events';

export interface IssueRefund {
  type: 'IssueRefund'; orderId: string; refundId: string; reason: RefundReason; destination: RefundDestination;
  returnId?: string; editId?: string; lines?: LineQuantity[]; amount?: number;
}

export type RefundCommand = IssueRefund;
