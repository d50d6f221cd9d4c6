/**
 * Shown statuses, per docs/domain-rules.md "Order and line status". One place, so that evolve (which keeps
 * line statuses current) and the view (which shows the order status) cannot disagree.
 */
import type { LineState, LineStatus, OrderState, OrderStatus, ReturnState, ReturnStatus } from './state';
import { liveQuantity, settledQuantity } from './queries';

const RETURN_STAGE: Partial<Record<ReturnStatus, LineStatus>> = {
  requested: 'return_requested',
  approved: 'return_approved',
  in_transit: 'return_in_transit',
  received: 'return_received',
  repair_in_progress: 'repair_in_progress',
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
  if (order.cancelled) return 'cancelled';
  if (liveQuantity(line) === 0) return line.exchangedQuantity > 0 ? 'exchanged' : 'cancelled';
  if (!order.paid) return 'pending_payment';
  if (line.exchangeOf !== undefined && line.awaitingBalanceQuantity > 0) return 'exchange_pending_payment';
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

const FINISHED: ReadonlySet<LineStatus> = new Set<LineStatus>(['completed', 'refunded', 'cancelled', 'exchanged']);

/**
 * A return's status as the order view shows it: a passed exchange for another product whose new
 * lines still wait for the balance is `exchange_pending_payment` (stored as `received`).
 */
export function shownReturnStatus(ret: ReturnState, order: Pick<OrderState, 'lines'>): ReturnStatus {
  if (ret.status !== 'received' || ret.exchangePricedAt === undefined) return ret.status;
  const waiting = order.lines.some((l) => l.exchangeOf === ret.returnId && l.awaitingBalanceQuantity > 0);
  return waiting ? 'exchange_pending_payment' : ret.status;
}

export function orderStatus(order: OrderState): OrderStatus {
  if (order.paid && everyUnitRefunded(order.lines)) return 'refunded';
  if (order.cancelled) return 'cancelled';
  if (!order.paid) return 'pending_payment';
  if (order.lines.every((l) => FINISHED.has(l.status))) return 'completed';
  return 'processing';
}
