/**
 * Durations counted on the business calendar (docs/projections.md "After-sales service quality").
 * The calendar knows business *days* (weekdays that are not holidays, in BUSINESS_TZ) and no
 * opening hours, so a business hour is any hour of a business day: time on weekends and holidays
 * does not count, every hour of a working day does.
 */
import type { BusinessCalendar } from '@app/ordering';

const DAY_MS = 86_400_000;

/** Milliseconds between two instants that fall on business days of the calendar's zone. */
export function businessMsBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  let total = 0;
  let cursor = from.getTime();
  const end = to.getTime();
  while (cursor < end) {
    const boundary = Math.min(nextLocalMidnight(calendar, cursor), end);
    if (calendar.isBusinessDay(new Date(cursor))) total += boundary - cursor;
    cursor = boundary;
  }
  return total;
}

/**
 * Business days strictly after the local date of `from` up to and including the local date of
 * `to`: received on Monday and completed on Wednesday is 2, Friday to Monday is 1, the same day
 * 0. The count the repair timer's "15 business days" uses (BusinessCalendar.addBusinessDays).
 */
export function businessDaysBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const last = calendar.localDate(to);
  let day = calendar.localDate(from);
  let count = 0;
  while (day < last) {
    day = nextDate(day);
    if (calendar.isBusinessDay(day)) count += 1;
  }
  return count;
}

/**
 * The first instant after `ms` on the next local date. The calendar maps instants to local dates
 * but not local midnights to instants, so the boundary is searched: between `ms` and the same
 * wall-clock time a local date later (23 to 25 hours away), to the millisecond.
 */
function nextLocalMidnight(calendar: BusinessCalendar, ms: number): number {
  const date = calendar.localDate(new Date(ms));
  let low = ms; // on `date`
  let high = calendar.addCalendarDays(new Date(ms), 1).getTime(); // on a later date
  if (high <= low) high = low + DAY_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (calendar.localDate(new Date(middle)) === date) low = middle;
    else high = middle;
  }
  return high;
}

function nextDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}
