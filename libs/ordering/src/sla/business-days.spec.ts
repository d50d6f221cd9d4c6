/**
 * Calendar cases the SLA deadlines depend on that business-calendar.spec.ts does not state:
 * a start on a holiday, holidays on weekends, and zone dates that differ from the UTC date at a
 * month or year end, with a DST change inside the span.
 */
import { BusinessCalendar } from '../business-calendar';

const iso = (d: Date) => d.toISOString();

describe('business days for SLA deadlines', () => {
  it('counts from the date after a start that falls on a holiday', () => {
    const cal = new BusinessCalendar({ holidays: ['2026-05-01'] }); // a Friday
    expect(iso(cal.addBusinessDays(new Date('2026-05-01T10:00:00Z'), 1))).toBe('2026-05-04T10:00:00.000Z');
  });

  it('a holiday on a weekend costs no extra day', () => {
    const withWeekendHoliday = new BusinessCalendar({ holidays: ['2026-03-07'] }); // Saturday
    expect(iso(withWeekendHoliday.addBusinessDays(new Date('2026-03-06T10:00:00Z'), 3))).toBe('2026-03-11T10:00:00.000Z');
  });

  it('3 business days from Friday across a weekend and a Monday holiday end on Thursday', () => {
    const cal = new BusinessCalendar({ holidays: ['2026-05-25'] }); // Whit Monday
    expect(iso(cal.addBusinessDays(new Date('2026-05-22T16:00:00Z'), 3))).toBe('2026-05-28T16:00:00.000Z');
  });

  it('uses the local date at a year end: 23:30Z on 31 December is New Year’s Day in Paris', () => {
    const paris = new BusinessCalendar({ timeZone: 'Europe/Paris', holidays: ['2027-01-01'] });
    // Local Friday 1 January 00:30 (a holiday) + 1 → Monday 4 January 00:30 CET = 3 January 23:30Z.
    expect(iso(paris.addBusinessDays(new Date('2026-12-31T23:30:00Z'), 1))).toBe('2027-01-03T23:30:00.000Z');
  });

  it('keeps the local time over several days with the spring change inside the span', () => {
    const paris = new BusinessCalendar({ timeZone: 'Europe/Paris' });
    // Thursday 26 March 10:00 CET + 3 → Tuesday 31 March 10:00 CEST.
    expect(iso(paris.addBusinessDays(new Date('2026-03-26T09:00:00Z'), 3))).toBe('2026-03-31T08:00:00.000Z');
  });

  it('a month end, a zone date behind UTC and the autumn change together (New York)', () => {
    const ny = new BusinessCalendar({ timeZone: 'America/New_York' });
    // Friday 30 October 20:00 EDT (Saturday 00:00Z) + 1 → Monday 2 November 20:00 EST.
    expect(iso(ny.addBusinessDays(new Date('2026-10-31T00:00:00Z'), 1))).toBe('2026-11-03T01:00:00.000Z');
    // 7 calendar days from the same instant cross the change too: Friday 6 November 20:00 EST.
    expect(iso(ny.addCalendarDays(new Date('2026-10-31T00:00:00Z'), 7))).toBe('2026-11-07T01:00:00.000Z');
  });
});
