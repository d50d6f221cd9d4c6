/** IssueRefund: the caller names what is refunded and where; the server computes every amount. */
import { DomainError } from '../errors';
import type { OrderEvent } from '../events';
import type { IssueRefund, RefundCommand } from './commands';
import type { OrderState } from '../state';
import { settledUnits, totalUnits } from '../queries';
import { computeRefund } from '../refund-math';
import { invalidTransition } from '../guards';
import { selectRefund } from './refund-selection';
import type { DecideHandlers } from '../handlers';

export function issueRefund(cmd: IssueRefund, state: OrderState): OrderEvent[] {
  if (!state.paid) throw invalidTransition(`Order ${state.orderId} is not paid: there is nothing to refund`);
  if (state.refunds.some((r) => r.refundId === cmd.refundId)) {
    throw new DomainError('refund_already_exists', `Order ${state.orderId} already has refund ${cmd.refundId}`);
  }
  if (cmd.destination === 'wallet' && !state.customer.registered) {
    throw new DomainError('wallet_requires_registration', 'Store credit needs a registered customer');
  }
  const selection = selectRefund(cmd, state);
  const unitsNow = selection.lines.reduce((n, l) => n + l.quantity, 0);
  const amounts = computeRefund({
    goodsTotal: state.paidGoods,
    shippingFee: state.shippingFee,
    processingFee: state.payment.processingFee,
    method: state.payment.method,
    destination: cmd.destination,
    alreadyRefundedGoods: state.refunded.goods,
    feeShareAlreadyCounted: state.refunded.feeShareCounted,
    shippingAlreadyRefunded: state.refunded.shippingRefunded,
    requestedGoods: selection.requestedGoods,
    completesOrder: completesOrder(cmd, state, unitsNow),
    noReasonReturn: selection.noReasonReturn,
    returnShipping: selection.returnShipping,
  });
  return [{
    type: 'RefundIssued',
    data: {
      refundId: cmd.refundId,
      reason: cmd.reason,
      ...(selection.returnId !== undefined ? { returnId: selection.returnId } : {}),
      ...(selection.editId !== undefined ? { editId: selection.editId } : {}),
      lines: selection.lines,
      destination: cmd.destination,
      method: state.payment.method,
      ...amounts,
    },
  }];
}

/**
 * The refund after which nothing is left to give back: every unit refunded or settled by a
 * cancellation, and no edit difference outstanding. It is the one that carries the shipping fee.
 * An edit or exchange refund counts: when a difference owed is the last money owed, shipping goes with it.
 */
function completesOrder(cmd: IssueRefund, state: OrderState, unitsNow: number): boolean {
  const differenceRefund = cmd.reason === 'edit' || cmd.reason === 'exchange';
  const settlesMoney = unitsNow > 0 || differenceRefund;
  const editCreditLeft = differenceRefund ? 0 : state.editRefundDue;
  return settlesMoney && editCreditLeft === 0 && settledUnits(state) + unitsNow === totalUnits(state);
}

/** This area's commands → their decisions (decide.ts joins every area's table). */
export const refundDecisions: DecideHandlers<RefundCommand['type']> = {
  IssueRefund: issueRefund,
};
