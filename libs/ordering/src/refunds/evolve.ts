import type { OrderEventOf } from '../events';
import type { OrderState, ReturnState } from '../state';
import { quantitiesByLine, updateLines } from '../line-updates';
import type { EvolveHandlers } from '../handlers';
import type { REFUND_EVENTS } from './events';

export function refundIssued(state: OrderState, event: OrderEventOf<'RefundIssued'>, occurredAt: string): OrderState {
  const d = event.data;
  const refunded = quantitiesByLine(d.lines);
  // An exchange refund names its return but refunds no unit of it and does not close it.
  const fromReturn = d.reason === 'return' ? d.returnId : undefined;
  const next: OrderState = {
    ...state,
    refunds: [...state.refunds, {
      refundId: d.refundId,
      reason: d.reason,
      ...(d.returnId !== undefined ? { returnId: d.returnId } : {}),
      ...(d.editId !== undefined ? { editId: d.editId } : {}),
      lines: d.lines,
      destination: d.destination,
      method: d.method,
      goods: d.goods,
      shipping: d.shipping,
      returnShipping: d.returnShipping,
      processingFee: d.processingFee,
      feeRetained: d.feeRetained,
      total: d.total,
      issuedAt: occurredAt,
    }],
    refunded: {
      goods: state.refunded.goods + d.goods,
      feeShareCounted: state.refunded.feeShareCounted + d.processingFee + d.feeRetained,
      shippingRefunded: state.refunded.shippingRefunded || d.shipping > 0,
      total: state.refunded.total + d.total,
    },
    // An edit or exchange refund settles the whole difference owed; what a cap left out is not owed.
    editRefundDue: d.reason === 'edit' || d.reason === 'exchange' ? 0 : state.editRefundDue,
    returns: fromReturn === undefined ? state.returns : state.returns.map((r): ReturnState =>
      r.returnId === fromReturn ? { ...r, status: 'refunded', refundId: d.refundId } : r),
  };
  return {
    ...next,
    lines: updateLines(next, [...refunded.keys()], (l) => {
      const q = refunded.get(l.lineId) ?? 0;
      const closesReturn = fromReturn !== undefined && l.openReturnId === fromReturn;
      return {
        ...l,
        refundedQuantity: l.refundedQuantity + q,
        refundOwedQuantity: d.reason === 'cancellation' ? Math.max(0, l.refundOwedQuantity - q) : l.refundOwedQuantity,
        // Refunded units of a return were counted as held by the merchant until now.
        returnedQuantity: fromReturn === undefined ? l.returnedQuantity : Math.max(0, l.returnedQuantity - q),
        openReturnId: closesReturn ? undefined : l.openReturnId,
      };
    }),
  };
}

/** This area's events → how each changes the state (evolve.ts joins every area's table). */
export const refundEvolvers: EvolveHandlers<keyof typeof REFUND_EVENTS> = {
  RefundIssued: refundIssued,
};
