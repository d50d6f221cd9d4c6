/**
 * Service-level timers (docs/domain-rules.md "Service-level timers"): the kinds, their states and the
 * changes an event makes to them. Plain data, so the projection can store them as they are.
 */
import type { RefundReason } from '../events';

export type SlaTimerKind = 'payment' | 'shipment' | 'delivery' | 'receipt' | 'return_review' | 'refund' | 'complaint_response' | 'follow_up' | 'repair';

export const SLA_TIMER_KINDS: readonly SlaTimerKind[] = [
  'payment', 'shipment', 'delivery', 'receipt', 'return_review', 'refund', 'complaint_response', 'follow_up', 'repair',
];

/** `overdue` is never stored: it is `running` past its due time, judged at the moment of a read. */
export type SlaTimerState = 'running' | 'overdue' | 'met' | 'late' | 'cancelled';
export type StoredTimerState = Exclude<SlaTimerState, 'overdue'>;

export const SLA_TIMER_STATES: readonly SlaTimerState[] = ['running', 'overdue', 'met', 'late', 'cancelled'];

/** The kinds whose expiry the system acts on (cancel the unpaid order, confirm receipt); the others only turn overdue. */
export const ACTING_TIMER_KINDS: readonly SlaTimerKind[] = ['payment', 'receipt'];

/** The refund the domain would compute if it were issued now to the original payment method. */
export interface RefundPreview {
  reason: RefundReason;
  goods: number;
  shipping: number;
  returnShipping: number;
  processingFee: number;
  feeRetained: number;
  total: number;
}

export interface TimerStart {
  type: 'start';
  timerId: string;
  kind: SlaTimerKind;
  subjectId: string;
  startedAt: string;
  dueAt: string;
  /** The policy duration the deadline was computed with, e.g. '3 business days'. */
  duration: string;
  currency: string;
  /** Refund timers only; null for the others, or when the domain would refuse the refund now. */
  refundPreview: RefundPreview | null;
}

/**
 * `stop`: the awaited event happened (met or late, by comparing `at` with the due time).
 * `cancel`: the timer no longer applies (e.g. the order was cancelled before shipping).
 * Both address the running timer of that kind and subject: at most one runs at a time.
 */
export interface TimerEnd {
  type: 'stop' | 'cancel';
  kind: SlaTimerKind;
  subjectId: string;
  at: string;
}

/** A running refund timer whose amount changed (a goodwill refund, another line refunded...). */
export interface TimerRefresh {
  type: 'refresh';
  kind: 'refund';
  subjectId: string;
  refundPreview: RefundPreview | null;
}

export type TimerChange = TimerStart | TimerEnd | TimerRefresh;

/**
 * Deterministic, so a rebuild gives the same ids and the scheduler's idempotency key ('sla:' + id)
 * means the same action. The start revision tells apart two timers of one subject (a line delivered
 * again after an exchange gets a new receipt timer); without it the second automatic confirmation
 * would be answered with the first one's result and never happen.
 */
export function timerIdOf(orderId: string, kind: SlaTimerKind, subjectId: string, startRevision: number): string {
  return `${orderId}:${kind}:${subjectId}@${startRevision}`;
}

/** How a stopped timer ends: on time (up to and including the due instant) or late. */
export function settledState(dueAt: string, stoppedAt: string): 'met' | 'late' {
  return Date.parse(stoppedAt) <= Date.parse(dueAt) ? 'met' : 'late';
}

/** The state a reader sees at `now`: a running timer past its due time is overdue. */
export function stateAt(timer: { state: StoredTimerState; dueAt: string }, now: Date): SlaTimerState {
  return timer.state === 'running' && Date.parse(timer.dueAt) <= now.getTime() ? 'overdue' : timer.state;
}
