/**
 * slaTimerChanges: what one event does to the order's timers. Pure: the projection folds the
 * order with `evolve` and stores what this answers.
 */
import type { BusinessCalendar } from '../business-calendar';
import type { OrderEvent, OrderEventType } from '../events';
import type { OrderPolicy } from '../policy';
import type { OrderState } from '../state';
import { deadlineOf } from './deadlines';
import { obligationKey, openObligations, type Obligation } from './obligations';
import { refundPreviewOf, samePreview } from './refund-preview';
import { timerIdOf, type SlaTimerKind, type TimerChange } from './timer-types';

/**
 * The events that end a timer as awaited (domain.md's "stops on"): met or late. Any other event
 * that closes the obligation (the order was cancelled before shipping...) cancels the timer.
 */
const STOPPED_BY: Readonly<Record<SlaTimerKind, ReadonlySet<OrderEventType>>> = {
  payment: new Set(['PaymentConfirmed', 'OrderCancelled']),
  shipment: new Set(['ShipmentDispatched']),
  delivery: new Set(['ItemDelivered', 'ItemDeliveryFailed']),
  receipt: new Set(['ReceiptConfirmed', 'ReturnRequested']),
  return_review: new Set(['ReturnApproved', 'ReturnRejected']),
  refund: new Set(['RefundIssued', 'ReplacementShipped']),
  complaint_response: new Set(['ComplaintResponded', 'ComplaintResolved']),
};

export interface TimerEventMeta {
  /** Business time of the event: timers start and stop then. */
  occurredAt: string;
  /** Stream revision of the event: part of the ids of the timers it starts. */
  revision: number;
}

export function slaTimerChanges(
  before: OrderState, after: OrderState, event: OrderEvent, meta: TimerEventMeta,
  policy: OrderPolicy, calendar: BusinessCalendar,
): TimerChange[] {
  const was = new Map(openObligations(before).map((o) => [obligationKey(o), o]));
  const is = new Map(openObligations(after).map((o) => [obligationKey(o), o]));
  const ctx = { now: new Date(meta.occurredAt), policy, calendar };
  const changes: TimerChange[] = [];
  for (const [key, o] of was) {
    if (is.has(key)) continue;
    changes.push({ type: STOPPED_BY[o.kind].has(event.type) ? 'stop' : 'cancel', kind: o.kind, subjectId: o.subjectId, at: meta.occurredAt });
  }
  for (const [key, o] of is) {
    const earlier = was.get(key);
    if (!earlier) {
      changes.push(start(after, o, meta, policy, calendar));
    } else if (o.kind === 'refund') {
      const preview = refundPreviewOf(after, o, ctx);
      if (!samePreview(preview, refundPreviewOf(before, earlier, ctx))) {
        changes.push({ type: 'refresh', kind: 'refund', subjectId: o.subjectId, refundPreview: preview });
      }
    }
  }
  return changes;
}

function start(state: OrderState, o: Obligation, meta: TimerEventMeta, policy: OrderPolicy, calendar: BusinessCalendar): TimerChange {
  const startedAt = new Date(meta.occurredAt);
  const { dueAt, duration } = deadlineOf(o, startedAt, policy, calendar);
  return {
    type: 'start',
    timerId: timerIdOf(state.orderId, o.kind, o.subjectId, meta.revision),
    kind: o.kind,
    subjectId: o.subjectId,
    startedAt: startedAt.toISOString(),
    dueAt: dueAt.toISOString(),
    duration,
    currency: state.currency,
    refundPreview: o.kind === 'refund' ? refundPreviewOf(state, o, { now: startedAt, policy, calendar }) : null,
  };
}
