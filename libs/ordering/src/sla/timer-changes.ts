/**
 * slaTimerChanges: what one event does to the order's timers. Pure: the projection folds the
 * order with `evolve` and stores what this answers.
 */
import type { BusinessCalendar } from '../business-calendar';
import type { OrderEvent, OrderEventType } from '../events';
import type { OrderPolicy } from '../policy';
import type { OrderState } from '../state';
import { deadlineOf } from './deadlines';
import { openObligations, type Obligation } from './obligations';
import { refundPreviewOf, samePreview } from './refund-preview';
import { timerIdOf, type SlaTimerKind, type TimerChange } from './timer-types';

/**
 * The events that end a timer as awaited (docs/sla.md, "stops on"): met or late. Any other event
 * that closes the obligation (the order was cancelled before shipping...) cancels the timer.
 */
const STOPPED_BY: Readonly<Record<SlaTimerKind, ReadonlySet<OrderEventType>>> = {
  // LineCancelled: the system's answer to an unpaid balance (payment_timeout), as OrderCancelled is to an unpaid order.
  payment: new Set(['PaymentConfirmed', 'OrderCancelled', 'LineCancelled']),
  shipment: new Set(['ShipmentDispatched']),
  delivery: new Set(['ItemDelivered', 'ItemDeliveryFailed']),
  receipt: new Set(['ReceiptConfirmed', 'ReturnRequested']),
  return_review: new Set(['ReturnApproved', 'ReturnRejected']),
  refund: new Set(['RefundIssued', 'ReplacementShipped']),
  complaint_response: new Set(['ComplaintResponded', 'ComplaintResolved']),
  follow_up: new Set(['ComplaintFeedbackGiven']),
  repair: new Set(['RepairCompleted']),
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
  const changes: TimerChange[] = [];
  compare(before, obligationsOf(before), after, obligationsOf(after), event, meta, policy, calendar, changes);
  return changes;
}

/** One event of an order's fold: the state before it and the state it made. */
export interface TimerFoldStep {
  before: OrderState;
  after: OrderState;
  event: OrderEvent;
  meta: TimerEventMeta;
}

/**
 * slaTimerChanges of consecutive events of one order, in order: the same changes, with each
 * state's obligations worked out once (a step's `after` is the next step's `before`) rather
 * than twice. The projection folds every event of the log through this.
 */
export function slaTimerChangesOfSteps(steps: Iterable<TimerFoldStep>, policy: OrderPolicy, calendar: BusinessCalendar): TimerChange[] {
  const changes: TimerChange[] = [];
  let last: { state: OrderState; open: readonly Obligation[] } | undefined;
  for (const { before, after, event, meta } of steps) {
    const was = last?.state === before ? last.open : obligationsOf(before);
    const is = obligationsOf(after);
    compare(before, was, after, is, event, meta, policy, calendar, changes);
    last = { state: after, open: is };
  }
  return changes;
}

/**
 * The open obligations, one per kind and subject (as a Map by obligationKey would hold them: a
 * repeated subject keeps its first place and its last obligation). An order owes a handful at
 * a time, so a list searched by kind and subject is cheaper than a Map per state.
 */
function obligationsOf(state: OrderState): readonly Obligation[] {
  const open = openObligations(state);
  for (let i = 1; i < open.length; i += 1) {
    const first = indexOf(open, open[i], i);
    if (first >= 0) return dedupe(open);
  }
  return open;
}

function dedupe(open: readonly Obligation[]): Obligation[] {
  const out: Obligation[] = [];
  for (const o of open) {
    const at = indexOf(out, o, out.length);
    if (at >= 0) out[at] = o;
    else out.push(o);
  }
  return out;
}

/** Index of the obligation of the same kind and subject among the first `end` ones, or -1. */
function indexOf(list: readonly Obligation[], o: Pick<Obligation, 'kind' | 'subjectId'>, end = list.length): number {
  for (let i = 0; i < end; i += 1) if (list[i].kind === o.kind && list[i].subjectId === o.subjectId) return i;
  return -1;
}

function compare(
  before: OrderState, was: readonly Obligation[], after: OrderState, is: readonly Obligation[],
  event: OrderEvent, meta: TimerEventMeta, policy: OrderPolicy, calendar: BusinessCalendar, changes: TimerChange[],
): void {
  let ctx: { now: Date; policy: OrderPolicy; calendar: BusinessCalendar } | undefined;
  for (const o of was) {
    if (indexOf(is, o) >= 0) continue;
    changes.push({ type: STOPPED_BY[o.kind].has(event.type) ? 'stop' : 'cancel', kind: o.kind, subjectId: o.subjectId, at: meta.occurredAt });
  }
  for (const o of is) {
    const at = indexOf(was, o);
    const earlier = at >= 0 ? was[at] : undefined;
    if (!earlier) {
      changes.push(start(after, o, meta, policy, calendar));
    } else if (o.kind === 'refund') {
      ctx ??= { now: new Date(meta.occurredAt), policy, calendar };
      const preview = refundPreviewOf(after, o, ctx);
      if (!samePreview(preview, refundPreviewOf(before, earlier, ctx))) {
        changes.push({ type: 'refresh', kind: 'refund', subjectId: o.subjectId, refundPreview: preview });
      }
    }
  }
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
