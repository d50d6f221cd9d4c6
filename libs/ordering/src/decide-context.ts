import type { BusinessCalendar } from './business-calendar';
import type { OrderPolicy } from './policy';

export interface DecideContext {
  /** The business clock: decisions never read the system clock. */
  now: Date;
  policy: OrderPolicy;
  /** Zone and holidays for calendar-day windows; UTC without holidays when omitted. */
  calendar?: BusinessCalendar;
}
