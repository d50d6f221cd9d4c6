/**
 * A batch's timer writes, worked out in memory: the running timers of the batch's orders are
 * loaded once, every change of every event is applied here, and what changed is written back
 * with two set-based statements (sla-timers.projection.ts).
 */
import { settledState, type RefundPreview, type StoredTimerState, type TimerChange } from './sla-rules';

/** A row of `<schema>.timers`, as json_to_recordset reads it. Times are ISO strings. */
export interface TimerRow {
  timer_id: string;
  order_id: string;
  kind: string;
  subject_id: string;
  started_at: string;
  due_at: string;
  stopped_at: string | null;
  state: StoredTimerState;
  duration: string;
  currency: string;
  refund_preview: RefundPreview | null;
}

export interface KeptDeadline {
  due_at: string;
  duration: string;
}

const runningKey = (orderId: string, kind: string, subjectId: string) => `${orderId}\u0000${kind}\u0000${subjectId}`;

export class BatchTimers {
  private readonly running = new Map<string, TimerRow>();
  /** Rows already in the table that this batch stopped or refreshed. */
  private readonly updated = new Map<string, TimerRow>();
  /** Rows this batch started, in start order (some may already be stopped again). */
  private readonly inserted = new Map<string, TimerRow>();

  /**
   * @param kept deadlines a rebuild takes over from the live model (by timer id), so that
   *   rebuilding under a changed policy does not move deadlines that were already set.
   */
  constructor(runningRows: readonly TimerRow[], private readonly kept: ReadonlyMap<string, KeptDeadline> = new Map()) {
    for (const row of runningRows) this.running.set(runningKey(row.order_id, row.kind, row.subject_id), row);
  }

  apply(orderId: string, changes: readonly TimerChange[]): void {
    for (const change of changes) {
      if (change.type === 'start') this.start(orderId, change);
      else this.touch(orderId, change);
    }
  }

  get updates(): TimerRow[] {
    return [...this.updated.values()];
  }

  get inserts(): TimerRow[] {
    return [...this.inserted.values()];
  }

  private start(orderId: string, change: Extract<TimerChange, { type: 'start' }>): void {
    const key = runningKey(orderId, change.kind, change.subjectId);
    const clash = this.running.get(key);
    if (clash) throw new Error(`sla-timers: ${change.timerId} starts while ${clash.timer_id} still runs for the same subject`);
    const kept = this.kept.get(change.timerId);
    const row: TimerRow = {
      timer_id: change.timerId, order_id: orderId, kind: change.kind, subject_id: change.subjectId,
      started_at: change.startedAt, due_at: kept?.due_at ?? change.dueAt, stopped_at: null, state: 'running',
      duration: kept?.duration ?? change.duration, currency: change.currency, refund_preview: change.refundPreview,
    };
    this.inserted.set(row.timer_id, row);
    this.running.set(key, row);
  }

  private touch(orderId: string, change: Exclude<TimerChange, { type: 'start' }>): void {
    const key = runningKey(orderId, change.kind, change.subjectId);
    const row = this.running.get(key);
    // The fold says this obligation was open, so its timer must be running: anything else means
    // the tables and the fold disagree, which must stop the projection rather than be skipped.
    if (!row) throw new Error(`sla-timers: order ${orderId} has no running ${change.kind} timer for ${change.subjectId} to ${change.type}`);
    if (change.type === 'refresh') {
      row.refund_preview = change.refundPreview;
    } else {
      row.stopped_at = change.at;
      row.state = change.type === 'cancel' ? 'cancelled' : settledState(row.due_at, change.at);
      this.running.delete(key);
    }
    if (!this.inserted.has(row.timer_id)) this.updated.set(row.timer_id, row);
  }
}
