/**
 * Shown statuses, per docs/domain-rules.md "Order and line status". One place, so that evolve (which keeps
 * line statuses current) and the view (which shows the order status) cannot disagree.
 */
import type { LineState, LineStatus, OrderState, OrderStatus, ReturnStatus } from './state';
import { liveQuantity, settledQuantity } from './queries';

const RETURN_STAGE: Partial<Record<ReturnStatus, LineStatus>> = {
  requested: 'return_requested',
  approved: 'return_approved',
  in_transit: 'return_in_transit',
  received: 'return_received',
  repair_in_progress: 'return_received',
};

/** The order-level facts a line's status depends on. */
export interface LineStatusContext {
  readonly paid: boolean;
  readonly cancelled: boolean;
  readonly returns: OrderState['returns'];
}

export function lineStatus(line: LineState, order: LineStatusContext): LineStatus {
  if (line.refundedQuantity > 0 && settledQuantity(line) >= line.quantity) return 'refunded';
  if (line.openReturnId !== undefined) {
    const ret = order.returns.find((r) => r.returnId === line.openReturnId);
    const stage = ret && RETURN_STAGE[ret.status];
    if (stage) return stage;
  }
  if (order.cancelled || liveQuantity(line) === 0) return 'cancelled';
  if (!order.paid) return 'pending_payment';
  return line.stage;
}

/** Returns the same object when the status did not change, so unchanged lines stay shared. */
export function withCurrentStatus(line: LineState, order: LineStatusContext): LineState {
  const status = lineStatus(line, order);
  return status === line.status ? line : { ...line, status };
}

/** Every unit refunded or cancelled with nothing owed, and at least one refunded. */
export function everyUnitRefunded(lines: readonly LineState[]): boolean {
  return lines.every((l) => settledQuantity(l) >= l.quantity) && lines.some((l) => l.refundedQuantity > 0);
}

const FINISHED: ReadonlySet<LineStatus> = new Set<LineStatus>(['completed', 'refunded', 'cancelled']);

export function orderStatus(order: OrderState): OrderStatus {
  if (order.paid && everyUnitRefunded(order.lines)) return 'refunded';
  if (order.cancelled) return 'cancelled';
  if (!order.paid) return 'pending_payment';
  if (order.lines.every((l) => FINISHED.has(l.status))) return 'completed';
  return 'processing';
}
