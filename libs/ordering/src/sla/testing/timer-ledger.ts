/**
 * An in-memory reference of what the sla-timers projection stores: folds a history with evolve,
 * applies slaTimerChanges, and keeps every timer. Specs state stories with it; the projection's
 * database tests compare against the same rules.
 */
import { BusinessCalendar, UTC_CALENDAR } from '../../business-calendar';
import { evolve } from '../../evolve';
import { DEFAULT_POLICY, type OrderPolicy } from '../../policy';
import { initialOrderState, type OrderState } from '../../state';
import { timeline, type History } from '../../testing/decider-spec';
import { slaTimerChanges } from '../timer-changes';
import { settledState, type RefundPreview, type SlaTimerKind, type StoredTimerState, type TimerChange } from '../timer-types';

export interface LedgerTimer {
  timerId: string;
  kind: SlaTimerKind;
  subjectId: string;
  startedAt: string;
  dueAt: string;
  stoppedAt?: string;
  state: StoredTimerState;
  duration: string;
  currency: string;
  refundPreview: RefundPreview | null;
}

export interface Ledger {
  state: OrderState;
  timers: LedgerTimer[];
  /** Every change, in order, for assertions on the exact sequence. */
  changes: TimerChange[];
  of(kind: SlaTimerKind, subjectId?: string): LedgerTimer[];
  /** The only timer of that kind (and subject); throws when there is not exactly one. */
  one(kind: SlaTimerKind, subjectId?: string): LedgerTimer;
}

export function runTimers(history: History, options: { policy?: OrderPolicy; calendar?: BusinessCalendar } = {}): Ledger {
  const policy = options.policy ?? DEFAULT_POLICY;
  const calendar = options.calendar ?? UTC_CALENDAR;
  let state = initialOrderState;
  const timers: LedgerTimer[] = [];
  const changes: TimerChange[] = [];
  for (const e of timeline(history)) {
    const after = evolve(state, e.event, e);
    const made = slaTimerChanges(state, after, e.event, e, policy, calendar);
    for (const change of made) applyChange(timers, change);
    changes.push(...made);
    state = after;
  }
  const of = (kind: SlaTimerKind, subjectId?: string) => timers.filter((t) => t.kind === kind && (subjectId === undefined || t.subjectId === subjectId));
  return {
    state, timers, changes, of,
    one(kind, subjectId) {
      const found = of(kind, subjectId);
      if (found.length !== 1) throw new Error(`Expected one ${kind} timer${subjectId ? ` for ${subjectId}` : ''}, found ${found.length}`);
      return found[0];
    },
  };
}

function applyChange(timers: LedgerTimer[], change: TimerChange): void {
  if (change.type === 'start') {
    if (timers.some((t) => t.timerId === change.timerId)) throw new Error(`Timer ${change.timerId} started twice`);
    const { type: _type, ...fields } = change;
    timers.push({ ...fields, state: 'running' });
    return;
  }
  const running = timers.filter((t) => t.kind === change.kind && t.subjectId === change.subjectId && t.state === 'running');
  if (running.length !== 1) throw new Error(`${change.type} of ${change.kind} ${change.subjectId}: ${running.length} running timers`);
  const [timer] = running;
  if (change.type === 'refresh') {
    timer.refundPreview = change.refundPreview;
  } else {
    timer.stoppedAt = change.at;
    timer.state = change.type === 'cancel' ? 'cancelled' : settledState(timer.dueAt, change.at);
  }
}
