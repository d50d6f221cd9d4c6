/** IssueRefund: the caller names what is refunded and where; the server computes every amount. */
import { DomainError } from '../errors';
import type { OrderEvent } from '../events';
import type { IssueRefund, RefundCommand } from './commands';
import type { OrderState } from '../state';
import { refundedUnits, totalUnits } from '../queries';
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
    goodsTotal: state.goodsTotal,
    shippingFee: state.shippingFee,
    processingFee: state.payment.processingFee,
    method: state.payment.method,
    destination: cmd.destination,
    alreadyRefundedGoods: state.refunded.goods,
    feeShareAlreadyCounted: state.refunded.feeShareCounted,
    shippingAlreadyRefunded: state.refunded.shippingRefunded,
    requestedGoods: selection.requestedGoods,
    completesOrder: unitsNow > 0 && refundedUnits(state) + unitsNow === totalUnits(state),
    noReasonReturn: selection.noReasonReturn,
    returnShipping: selection.returnShipping,
  });
  return [{
    type: 'RefundIssued',
    data: {
      refundId: cmd.refundId,
      reason: cmd.reason,
      ...(selection.returnId !== undefined ? { returnId: selection.returnId } : {}),
      lines: selection.lines,
      destination: cmd.destination,
      method: state.payment.method,
      ...amounts,
    },
  }];
}

/** This area's commands → their decisions (decide.ts joins every area's table). */
export const refundDecisions: DecideHandlers<RefundCommand['type']> = {
  IssueRefund: issueRefund,
};
