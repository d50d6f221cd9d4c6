import { BusinessCalendar } from '@app/ordering';
import { businessDaysBetween, businessMsBetween } from './business-time';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe('business time', () => {
  const utc = new BusinessCalendar({ holidays: ['2026-03-10'] });
  // Paris: clocks go forward on Sunday 29 March 2026 (02:00 → 03:00).
  const paris = new BusinessCalendar({ timeZone: 'Europe/Paris' });

  it('counts every hour of a business day and none of a weekend or holiday', () => {
    // Friday 6 March 22:00 → Monday 9 March 02:00: 2 h on Friday, 2 h on Monday.
    expect(businessMsBetween(utc, at('2026-03-06T22:00:00Z'), at('2026-03-09T02:00:00Z'))).toBe(4 * HOUR);
    // Monday 9 March 12:00 → Wednesday 11 March 12:00, Tuesday a holiday: 12 h + 12 h.
    expect(businessMsBetween(utc, at('2026-03-09T12:00:00Z'), at('2026-03-11T12:00:00Z'))).toBe(24 * HOUR);
    expect(businessMsBetween(utc, at('2026-03-07T10:00:00Z'), at('2026-03-08T10:00:00Z'))).toBe(0);
    expect(businessMsBetween(utc, at('2026-03-09T10:00:00Z'), at('2026-03-09T10:00:00Z'))).toBe(0);
  });

  it('takes business days in the calendar zone, across a daylight-saving change', () => {
    // Friday 27 March 23:30 Paris (22:30Z) → Monday 30 March 01:00 Paris (23:00Z on the 29th):
    // 30 min of Friday, then Saturday and Sunday (a 23-hour day) do not count, then 1 h of Monday.
    expect(businessMsBetween(paris, at('2026-03-27T22:30:00Z'), at('2026-03-29T23:00:00Z'))).toBe(1.5 * HOUR);
  });

  it('counts business dates after the first up to and including the last', () => {
    expect(businessDaysBetween(utc, at('2026-03-02T10:00:00Z'), at('2026-03-04T09:00:00Z'))).toBe(2); // Monday → Wednesday
    expect(businessDaysBetween(utc, at('2026-03-06T10:00:00Z'), at('2026-03-09T10:00:00Z'))).toBe(1); // Friday → Monday
    expect(businessDaysBetween(utc, at('2026-03-09T08:00:00Z'), at('2026-03-09T18:00:00Z'))).toBe(0);
    expect(businessDaysBetween(utc, at('2026-03-09T08:00:00Z'), at('2026-03-12T08:00:00Z'))).toBe(2); // the 10th is a holiday
    // 23:30Z on Thursday is already 00:30 on Friday in Paris: the same local date there, the next one in UTC.
    expect(businessDaysBetween(paris, at('2026-03-05T23:30:00Z'), at('2026-03-06T10:00:00Z'))).toBe(0);
    expect(businessDaysBetween(utc, at('2026-03-05T23:30:00Z'), at('2026-03-06T10:00:00Z'))).toBe(1);
  });
});
