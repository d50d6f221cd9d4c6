/** Service-level timer rules (docs/domain-rules.md "Service-level timers"). Pure: the projection and scheduler do the I/O. */
export { slaTimerChanges, slaTimerChangesOfSteps } from './timer-changes';
export type { TimerEventMeta, TimerFoldStep } from './timer-changes';
export { openObligations, balanceSubjectOf, BALANCE_SUBJECT_PREFIX } from './obligations';
export type { Obligation, RefundCause } from './obligations';
export { deadlineOf } from './deadlines';
export type { Deadline } from './deadlines';
export { refundPreviewOf } from './refund-preview';
export {
  ACTING_TIMER_KINDS, SLA_TIMER_KINDS, SLA_TIMER_STATES, settledState, stateAt, timerIdOf,
} from './timer-types';
export type {
  RefundPreview, SlaTimerKind, SlaTimerState, StoredTimerState, TimerChange, TimerEnd, TimerRefresh, TimerStart,
} from './timer-types';
