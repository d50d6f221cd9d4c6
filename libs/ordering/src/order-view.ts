/**
 * The order as `GET /orders/{orderId}` shows it (docs/http-api.md "Reads"). Shared by the read-model projection and
 * the auditors' state-at endpoint, so it is deterministic: keys in a fixed order, optional keys
 * omitted rather than null, lists in the order their events happened.
 */
import { NotFoundError } from './errors';
import type { Category, Customer, LineQuantity, RefundDestination, RefundReason, ReturnReason, ReturnResolution } from './events';
import type { ComplaintStatus, LineState, LineStatus, OrderState, OrderStatus, ReturnStatus } from './state';
import { orderStatus, shownReturnStatus } from './status';
import { cancelledGoodsOwed } from './queries';

export interface OrderLineView {
  lineId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  category: Category;
  status: LineStatus;
  refundedQuantity: number;
  /** Units cancelled before shipment (any reason, replacements by an edit included). */
  cancelledQuantity: number;
  /** Units an edit (or an exchange for another product) added that wait for the balance payment before they can ship. */
  awaitingBalanceQuantity: number;
  /** Units returned and exchanged for another product. */
  exchangedQuantity: number;
  /** The return whose exchange for another product added this line (it ships as that return's replacement). */
  exchangeOf?: string;
  shipmentId?: string;
  carrier?: string;
  trackingNumber?: string;
  deliveredAt?: string;
}

export interface ReturnView {
  returnId: string;
  status: ReturnStatus;
  reason: ReturnReason;
  resolution: ReturnResolution;
  lines: LineQuantity[];
  /** An exchange for another product: the new lines (listed in full among the order's lines once the exchange is priced). */
  exchangeFor?: LineQuantity[];
}

export interface RefundView {
  refundId: string;
  reason: RefundReason;
  destination: RefundDestination;
  total: number;
}

export interface EditView {
  editId: string;
  editedAt: string;
  before: { goodsTotal: number; total: number };
  after: { goodsTotal: number; total: number };
  /** The order's balance and edit refund right after this edit. */
  balanceDue: number;
  refundDue: number;
}

export interface ComplaintView {
  complaintId: string;
  status: ComplaintStatus;
  /** The customer's last feedback on a resolution (its comment is personal and not shown), or null. */
  feedback: { satisfied: boolean; at: string } | null;
  /** How many times unsatisfied feedback reopened it. */
  reopenedCount: number;
}

export interface OrderView {
  orderId: string;
  status: OrderStatus;
  customer: Customer;
  channel: string;
  currency: string;
  goodsTotal: number;
  shippingFee: number;
  processingFee: number;
  total: number;
  /** Amount paid, minor units (0 until paid). */
  paid: number;
  /** Money given back so far: the sum of refund totals, minor units. */
  refunded: number;
  /** What the customer still has to pay after an edit of the paid order, minor units. */
  balanceDue: number;
  /** Goods owed back and not refunded yet: cancelled units paid for, plus an edit's difference (fee share and shipping come on top when refunded). */
  refundDue: number;
  lines: OrderLineView[];
  returns: ReturnView[];
  refunds: RefundView[];
  edits: EditView[];
  complaints: ComplaintView[];
  revision: number;
  placedAt: string;
  updatedAt: string;
}

/** Throws order_not_found for a state before OrderPlaced (e.g. state-at a time before the order). */
export function toOrderView(state: OrderState): OrderView {
  if (!state.exists) throw new NotFoundError('order_not_found', `Order ${state.orderId || '(unknown)'} does not exist at this point`);
  const c = state.customer;
  return {
    orderId: state.orderId,
    status: orderStatus(state),
    customer: {
      id: c.id,
      ...(c.email !== undefined ? { email: c.email } : {}),
      ...(c.name !== undefined ? { name: c.name } : {}),
      registered: c.registered,
    },
    channel: state.channel,
    currency: state.currency,
    goodsTotal: state.goodsTotal,
    shippingFee: state.shippingFee,
    processingFee: state.payment.processingFee,
    total: state.total,
    paid: state.paidAmount,
    refunded: state.refunded.total,
    balanceDue: state.balanceDue,
    refundDue: state.editRefundDue + cancelledGoodsOwed(state),
    lines: state.lines.map(lineView),
    returns: state.returns.map((r) => ({
      returnId: r.returnId,
      status: shownReturnStatus(r, state),
      reason: r.reason,
      resolution: r.resolution,
      lines: r.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      ...(r.exchangeFor !== undefined ? { exchangeFor: r.exchangeFor.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) } : {}),
    })),
    refunds: state.refunds.map((r) => ({ refundId: r.refundId, reason: r.reason, destination: r.destination, total: r.total })),
    edits: state.edits.map((e) => ({
      editId: e.editId, editedAt: e.editedAt, before: { ...e.before }, after: { ...e.after }, balanceDue: e.balanceDue, refundDue: e.refundDue,
    })),
    complaints: state.complaints.map((c) => ({
      complaintId: c.complaintId,
      status: c.status,
      feedback: c.feedback ? { satisfied: c.feedback.satisfied, at: c.feedback.at } : null,
      reopenedCount: c.reopenedCount,
    })),
    revision: state.revision,
    placedAt: state.placedAt,
    updatedAt: state.updatedAt,
  };
}

function lineView(l: LineState): OrderLineView {
  return {
    lineId: l.lineId,
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    category: l.category,
    status: l.status,
    refundedQuantity: l.refundedQuantity,
    cancelledQuantity: l.cancelledQuantity,
    awaitingBalanceQuantity: l.awaitingBalanceQuantity,
    exchangedQuantity: l.exchangedQuantity,
    ...(l.exchangeOf !== undefined ? { exchangeOf: l.exchangeOf } : {}),
    ...(l.shipmentId !== undefined ? { shipmentId: l.shipmentId } : {}),
    ...(l.carrier !== undefined ? { carrier: l.carrier } : {}),
    ...(l.trackingNumber !== undefined ? { trackingNumber: l.trackingNumber } : {}),
    ...(l.deliveredAt !== undefined ? { deliveredAt: l.deliveredAt } : {}),
  };
}
