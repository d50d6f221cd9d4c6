import { isCalendarDate } from './calendar-date';

describe('isCalendarDate', () => {
  it('takes real days written YYYY-MM-DD', () => {
    for (const day of ['2026-03-01', '2024-02-29', '2026-12-31', '0001-01-01', '0099-06-30']) expect(isCalendarDate(day)).toBe(true);
  });

  it('refuses days that are not in the calendar or not in that form', () => {
    for (const day of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-3-1', '2026-03-01T00:00:00Z', '20260301', '', ' 2026-03-01', null, 20260301]) {
      expect(isCalendarDate(day)).toBe(false);
    }
  });
});
