/** Which lines may come back, for how long, and whose fault the return is (docs/domain-rules.md "Returns"). */
import type { BusinessCalendar } from '../business-calendar';
import type { Category, ReturnReason } from '../events';
import type { OrderPolicy } from '../policy';

/** Activated software and made-to-order goods cannot come back for a change of mind or carrier damage. */
const REASONS_REFUSED_BY_CATEGORY: Record<Category, ReadonlySet<ReturnReason> | 'all'> = {
  physical: new Set(),
  digital: new Set<ReturnReason>(['no_reason', 'damaged_in_transit']),
  custom: new Set<ReturnReason>(['no_reason', 'damaged_in_transit']),
  service: 'all',
};

export function isReturnable(category: Category, reason: ReturnReason): boolean {
  const refused = REASONS_REFUSED_BY_CATEGORY[category];
  return refused !== 'all' && !refused.has(reason);
}

/** Every reason but a change of mind puts the return at the merchant's cost. */
export function isMerchantFault(reason: ReturnReason): boolean {
  return reason !== 'no_reason';
}

/** The last instant a return may be requested: the delivery's wall-clock time, N calendar days later. */
export function returnDeadline(deliveredAt: Date, reason: ReturnReason, policy: OrderPolicy, calendar: BusinessCalendar): Date {
  return calendar.addCalendarDays(deliveredAt, policy.returnWindowDays[reason]);
}

/**
 * The last instant a defective item of this category is repaired or exchanged under warranty
 * (the delivery's wall-clock time, N calendar days later), or undefined: no warranty.
 */
export function warrantyDeadline(deliveredAt: Date, category: Category, policy: OrderPolicy, calendar: BusinessCalendar): Date | undefined {
  const days = policy.warrantyDays[category];
  return days > 0 ? calendar.addCalendarDays(deliveredAt, days) : undefined;
}

/** The deadline itself is still inside the window. */
export function isWithinReturnWindow(
  deliveredAt: Date, reason: ReturnReason, now: Date, policy: OrderPolicy, calendar: BusinessCalendar,
): boolean {
  return now.getTime() <= returnDeadline(deliveredAt, reason, policy, calendar).getTime();
}
