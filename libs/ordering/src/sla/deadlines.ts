/**
 * When each kind of timer is due, from its start and the policy in force at the start.
 * Hours are elapsed time; calendar and business days keep the local wall-clock time
 * (BusinessCalendar), so "3 business days" from Friday 10:00 is Wednesday 10:00.
 */
import type { BusinessCalendar } from '../business-calendar';
import type { OrderPolicy } from '../policy';
import type { Obligation } from './obligations';

export interface Deadline {
  dueAt: Date;
  /** Recorded on the timer: a later policy change does not rewrite this deadline. */
  duration: string;
}

type Unit = 'hour' | 'calendar day' | 'business day';

export function deadlineOf(o: Obligation, startedAt: Date, policy: OrderPolicy, calendar: BusinessCalendar): Deadline {
  switch (o.kind) {
    case 'payment': return after(calendar, startedAt, policy.paymentTimeoutHours, 'hour');
    case 'shipment': return after(calendar, startedAt, policy.shipmentBusinessDays, 'business day');
    case 'delivery': return after(calendar, startedAt, policy.deliveryDays, 'calendar day');
    case 'receipt': return receiptDeadline(o, startedAt, policy, calendar);
    case 'return_review': return after(calendar, startedAt, policy.returnReviewBusinessDays, 'business day');
    case 'refund': {
      const days = o.refund?.cause === 'return' ? policy.refundAfterReturnBusinessDays : policy.refundAfterCancellationOrFailureBusinessDays;
      return after(calendar, startedAt, days, 'business day');
    }
    case 'complaint_response': return after(calendar, startedAt, policy.complaintResponseHours, 'hour');
    case 'repair': return after(calendar, startedAt, policy.repairBusinessDays, 'business day');
    case 'follow_up': return after(calendar, startedAt, policy.followUpBusinessDays, 'business day');
    default: {
      const unknown: never = o.kind;
      throw new Error(`Unknown timer kind ${String(unknown)}`);
    }
  }
}

/**
 * Counted from the carrier's delivery time, like the decider's automatic confirmation, so the
 * scheduler never acts before the decider agrees. A timer that restarts after a closed return
 * may find that time already past: it is then due at once, never before it started.
 */
function receiptDeadline(o: Obligation, startedAt: Date, policy: OrderPolicy, calendar: BusinessCalendar): Deadline {
  const from = o.deliveredAt !== undefined ? new Date(o.deliveredAt) : startedAt;
  const { dueAt, duration } = after(calendar, from, policy.receiptAutoConfirmDays, 'calendar day');
  return { dueAt: dueAt.getTime() < startedAt.getTime() ? startedAt : dueAt, duration: `${duration} from delivery` };
}

function after(calendar: BusinessCalendar, from: Date, n: number, unit: Unit): Deadline {
  const dueAt = unit === 'hour' ? calendar.addHours(from, n)
    : unit === 'calendar day' ? calendar.addCalendarDays(from, n)
      : calendar.addBusinessDays(from, n);
  return { dueAt, duration: `${n} ${unit}${n === 1 ? '' : 's'}` };
}
