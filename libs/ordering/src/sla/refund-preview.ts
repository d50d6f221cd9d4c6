/**
 * The amount of a refund that is owed but not issued: what `decide` would answer for an
 * IssueRefund to the original payment method right now. Going through the decider (not a copy
 * of its maths) keeps the outstanding liability equal, to the cent, to what issuing would give.
 */
import type { BusinessCalendar } from '../business-calendar';
import type { IssueRefund } from '../commands';
import { decide } from '../decide';
import { DomainError } from '../errors';
import type { OrderPolicy } from '../policy';
import type { OrderState } from '../state';
import type { Obligation } from './obligations';
import type { RefundPreview } from './timer-types';

/** Not a valid refund id (ids start with a letter or digit), so it never clashes with a real refund. */
const PREVIEW_REFUND_ID = '~sla-preview';

export function refundPreviewOf(
  state: OrderState, o: Obligation, ctx: { now: Date; policy: OrderPolicy; calendar: BusinessCalendar },
): RefundPreview | null {
  const command = issueRefundFor(state, o);
  if (!command) return null;
  try {
    const [event] = decide(command, state, ctx);
    if (event?.type !== 'RefundIssued') return null;
    const d = event.data;
    return {
      reason: d.reason, goods: d.goods, shipping: d.shipping, returnShipping: d.returnShipping,
      processingFee: d.processingFee, feeRetained: d.feeRetained, total: d.total,
    };
  } catch (error) {
    // The domain would refuse this refund now: nothing is owed in money terms.
    if (error instanceof DomainError) return null;
    throw error;
  }
}

function issueRefundFor(state: OrderState, o: Obligation): IssueRefund | null {
  const base = { type: 'IssueRefund', orderId: state.orderId, refundId: PREVIEW_REFUND_ID, destination: 'original' } as const;
  switch (o.refund?.cause) {
    case 'return': return { ...base, reason: 'return', returnId: o.refund.returnId };
    case 'cancellation': return { ...base, reason: 'cancellation' };
    case 'edit': return o.refund.editId !== undefined ? { ...base, reason: 'edit', editId: o.refund.editId } : null;
    case 'exchange': return o.refund.returnId !== undefined ? { ...base, reason: 'exchange', returnId: o.refund.returnId } : null;
    case 'delivery_failed': {
      const { lineId, quantity } = o.refund;
      return lineId !== undefined && quantity !== undefined ? { ...base, reason: 'delivery_failed', lines: [{ lineId, quantity }] } : null;
    }
    default: return null;
  }
}

export function samePreview(a: RefundPreview | null, b: RefundPreview | null): boolean {
  if (a === null || b === null) return a === b;
  return a.reason === b.reason && a.goods === b.goods && a.shipping === b.shipping && a.returnShipping === b.returnShipping
    && a.processingFee === b.processingFee && a.feeRetained === b.feeRetained && a.total === b.total;
}
