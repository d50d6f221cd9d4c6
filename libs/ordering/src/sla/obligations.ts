/**
 * What the order currently owes within a service level, read from its folded state alone.
 * A timer runs exactly while its obligation is open, so comparing the obligations before and
 * after an event yields every start and end (timer-changes.ts), and the rule for "is this still
 * owed?" lives in one place per kind instead of one per event type.
 */
import type { OrderState } from '../state';
import { liveQuantity, unrefundedQuantity } from '../queries';
import type { SlaTimerKind } from './timer-types';

export type RefundCause = 'return' | 'cancellation' | 'delivery_failed' | 'edit' | 'exchange';

export interface Obligation {
  kind: SlaTimerKind;
  subjectId: string;
  /** Receipt: the carrier's delivery time, which the 7 days count from (as the decider does). */
  deliveredAt?: string;
  /** Refund: why it is owed and what a refund would name. */
  refund?: { cause: RefundCause; returnId?: string; editId?: string; lineId?: string; quantity?: number };
}

export function obligationKey(o: Pick<Obligation, 'kind' | 'subjectId'>): string {
  return `${o.kind}\u0000${o.subjectId}`;
}

export function openObligations(state: OrderState): Obligation[] {
  if (!state.exists) return [];
  return [
    ...payment(state), ...shipment(state), ...deliveries(state), ...receipts(state),
    ...returnReviews(state), ...repairs(state), ...refunds(state), ...complaints(state), ...followUps(state),
  ];
}

/** The order's first payment, or the balance an edit of the paid order left (subject `balance:<orderId>`). */
function payment(state: OrderState): Obligation[] {
  if (state.cancelled) return [];
  if (!state.paid) return [{ kind: 'payment', subjectId: state.orderId }];
  return state.balanceDue > 0 ? [{ kind: 'payment', subjectId: balanceSubjectOf(state.orderId) }] : [];
}

export const BALANCE_SUBJECT_PREFIX = 'balance:';

export function balanceSubjectOf(orderId: string): string {
  return `${BALANCE_SUBJECT_PREFIX}${orderId}`;
}

/** The lines of an exchange for another product ship as its replacement, which no shipment timer covers (as for the same product). */
function shipment(state: OrderState): Obligation[] {
  const waiting = state.paid && !state.cancelled && state.lines.some((l) => l.stage === 'awaiting_shipment' && liveQuantity(l) > 0 && l.exchangeOf === undefined);
  return waiting ? [{ kind: 'shipment', subjectId: state.orderId }] : [];
}

/** One per parcel, replacements included: open while one of its lines is still in transit with it. */
function deliveries(state: OrderState): Obligation[] {
  return state.shipments
    .filter((s) => state.lines.some((l) => l.shipmentId === s.shipmentId && l.stage === 'shipped'))
    .map((s) => ({ kind: 'delivery', subjectId: s.shipmentId }));
}

/**
 * Exactly the lines the decider would confirm for the system: shown status `delivered` (no open
 * return, not wholly refunded) and not confirmed. A return that closes without taking the whole
 * line (rejected, failed inspection, partly refunded) makes the line owe its confirmation again.
 */
function receipts(state: OrderState): Obligation[] {
  return state.lines
    .filter((l) => l.status === 'delivered' && !l.receiptConfirmed && l.deliveredAt !== undefined)
    .map((l) => ({ kind: 'receipt', subjectId: l.lineId, deliveredAt: l.deliveredAt }));
}

/** A repair runs from the receipt of the passed return until the repaired item is sent back. */
function repairs(state: OrderState): Obligation[] {
  return state.returns.filter((r) => r.status === 'repair_in_progress').map((r) => ({ kind: 'repair', subjectId: r.returnId }));
}

function returnReviews(state: OrderState): Obligation[] {
  return state.returns.filter((r) => r.status === 'requested').map((r) => ({ kind: 'return_review', subjectId: r.returnId }));
}

/**
 * Refund subject ids carry their cause, so a return and a line that share an id never collide.
 * A failed line stays owed while any unit of it is neither refunded nor re-shipped: a partial
 * refund does not settle the rest.
 */
function refunds(state: OrderState): Obligation[] {
  const owed: Obligation[] = [];
  for (const r of state.returns) {
    if (r.status === 'received' && r.resolution === 'refund') {
      owed.push({ kind: 'refund', subjectId: `return:${r.returnId}`, refund: { cause: 'return', returnId: r.returnId } });
    }
  }
  // Cancelled units paid for, whether the whole order or some lines were cancelled: one refund owes them all.
  if (state.lines.some((l) => l.refundOwedQuantity > 0)) {
    owed.push({ kind: 'refund', subjectId: `cancellation:${state.orderId}`, refund: { cause: 'cancellation' } });
  }
  const difference = differenceOwed(state);
  if (difference) owed.push(difference);
  for (const l of state.lines) {
    const unrefunded = unrefundedQuantity(l);
    if (l.stage === 'delivery_failed' && unrefunded > 0) {
      owed.push({
        kind: 'refund', subjectId: `delivery_failed:${l.lineId}`,
        refund: { cause: 'delivery_failed', lineId: l.lineId, quantity: unrefunded },
      });
    }
  }
  return owed;
}

/**
 * A price difference owed back (edits and exchanges for another product share one account): named
 * after what made it owed last, an edit (`edit:<orderId>`) or an exchange (`exchange:<returnId>`).
 */
function differenceOwed(state: OrderState): Obligation | null {
  if (state.editRefundDue === 0) return null;
  const lastEdit = state.edits[state.edits.length - 1];
  let lastExchange: OrderState['returns'][number] | undefined;
  for (const r of state.returns) {
    if (r.exchangePricedAt !== undefined && (!lastExchange || r.exchangePricedAt >= lastExchange.exchangePricedAt!)) lastExchange = r;
  }
  if (lastExchange && (!lastEdit || lastExchange.exchangePricedAt! >= lastEdit.editedAt)) {
    return { kind: 'refund', subjectId: `exchange:${lastExchange.returnId}`, refund: { cause: 'exchange', returnId: lastExchange.returnId } };
  }
  return lastEdit ? { kind: 'refund', subjectId: `edit:${state.orderId}`, refund: { cause: 'edit', editId: lastEdit.editId } } : null;
}

function complaints(state: OrderState): Obligation[] {
  return state.complaints.filter((c) => c.status === 'open').map((c) => ({ kind: 'complaint_response', subjectId: c.complaintId }));
}

/** A resolved complaint owes the customer a call asking how it went, until their feedback is recorded. */
function followUps(state: OrderState): Obligation[] {
  return state.complaints.filter((c) => c.status === 'resolved' && c.awaitingFeedback).map((c) => ({ kind: 'follow_up', subjectId: c.complaintId }));
}
