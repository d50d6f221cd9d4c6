import { BusinessCalendar } from './business-calendar';

const utc = new BusinessCalendar();
const iso = (d: Date) => d.toISOString();

describe('BusinessCalendar in UTC', () => {
  it.each([
    ['Monday + 1 → Tuesday', '2026-03-02T10:00:00.000Z', 1, '2026-03-03T10:00:00.000Z'],
    ['Friday + 1 → Monday (weekend skipped)', '2026-03-06T10:00:00.000Z', 1, '2026-03-09T10:00:00.000Z'],
    ['Saturday + 1 → Monday (counted from the next day)', '2026-03-07T10:00:00.000Z', 1, '2026-03-09T10:00:00.000Z'],
    ['Sunday + 1 → Monday', '2026-03-08T23:59:00.000Z', 1, '2026-03-09T23:59:00.000Z'],
    ['Monday + 5 → next Monday', '2026-03-02T10:00:00.000Z', 5, '2026-03-09T10:00:00.000Z'],
    ['Wednesday + 3 → Monday', '2026-03-04T08:30:15.250Z', 3, '2026-03-09T08:30:15.250Z'],
    ['month end: Friday 31 July + 1 → Monday 3 August', '2026-07-31T16:00:00.000Z', 1, '2026-08-03T16:00:00.000Z'],
    ['February (non-leap): Friday 27th + 2 → Tuesday 3 March', '2026-02-27T12:00:00.000Z', 2, '2026-03-03T12:00:00.000Z'],
    ['leap year: Monday 28 Feb 2028 + 1 → Tuesday 29th', '2028-02-28T12:00:00.000Z', 1, '2028-02-29T12:00:00.000Z'],
    ['year end: Thursday 31 Dec + 1 → Friday 1 Jan (no holiday configured)', '2026-12-31T09:00:00.000Z', 1, '2027-01-01T09:00:00.000Z'],
  ])('%s', (_name, from, n, expected) => {
    expect(iso(utc.addBusinessDays(new Date(from), n))).toBe(expected);
  });

  it('skips holidays, including across the year end', () => {
    const cal = new BusinessCalendar({ holidays: ['2026-12-24', '2026-12-25', '2027-01-01'] });
    // Wed 23 Dec + 1: Thu 24 and Fri 25 are holidays, then the weekend → Mon 28.
    expect(iso(cal.addBusinessDays(new Date('2026-12-23T15:00:00Z'), 1))).toBe('2026-12-28T15:00:00.000Z');
    // Thu 31 Dec + 1: Fri 1 Jan is a holiday → Mon 4 Jan 2027.
    expect(iso(cal.addBusinessDays(new Date('2026-12-31T09:00:00Z'), 1))).toBe('2027-01-04T09:00:00.000Z');
    // Mon 21 Dec + 7: 22, 23, 28, 29, 30, 31, 4 Jan.
    expect(iso(cal.addBusinessDays(new Date('2026-12-21T09:00:00Z'), 7))).toBe('2027-01-04T09:00:00.000Z');
  });

  it('n = 0 is T itself; negative or fractional n is refused', () => {
    expect(iso(utc.addBusinessDays(new Date('2026-03-07T10:00:00Z'), 0))).toBe('2026-03-07T10:00:00.000Z');
    expect(() => utc.addBusinessDays(new Date('2026-03-07T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => utc.addBusinessDays(new Date('2026-03-07T10:00:00Z'), 1.5)).toThrow(RangeError);
  });

  it('isBusinessDay knows weekends and holidays, for dates and instants', () => {
    const cal = new BusinessCalendar({ holidays: ['2026-05-01'] });
    expect(cal.isBusinessDay('2026-03-06')).toBe(true); // Friday
    expect(cal.isBusinessDay('2026-03-07')).toBe(false); // Saturday
    expect(cal.isBusinessDay('2026-03-08')).toBe(false); // Sunday
    expect(cal.isBusinessDay('2026-05-01')).toBe(false); // holiday, a Friday
    expect(cal.isBusinessDay(new Date('2026-03-06T23:59:59Z'))).toBe(true);
    expect(() => cal.isBusinessDay('2026-13-01')).toThrow(RangeError);
  });

  it('addCalendarDays and addHours count every day and hour', () => {
    expect(iso(utc.addCalendarDays(new Date('2026-12-28T14:00:00Z'), 7))).toBe('2027-01-04T14:00:00.000Z');
    expect(iso(utc.addCalendarDays(new Date('2026-02-25T14:00:00Z'), 7))).toBe('2026-03-04T14:00:00.000Z');
    expect(iso(utc.addHours(new Date('2026-03-02T09:00:00Z'), 24))).toBe('2026-03-03T09:00:00.000Z');
  });

  it('refuses malformed holidays and unknown zones at construction', () => {
    expect(() => new BusinessCalendar({ holidays: ['2026-02-30'] })).toThrow(RangeError);
    expect(() => new BusinessCalendar({ holidays: ['1/5/2026'] })).toThrow(RangeError);
    expect(() => new BusinessCalendar({ timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('BusinessCalendar in Europe/Paris (DST: 29 March and 25 October 2026)', () => {
  const paris = new BusinessCalendar({ timeZone: 'Europe/Paris', holidays: ['2026-04-06'] });

  it('keeps the wall-clock time across the spring change (one business day is 71 hours)', () => {
    // Fri 27 March 10:00 CET (UTC+1) + 1 → Mon 30 March 10:00 CEST (UTC+2).
    const from = new Date('2026-03-27T09:00:00Z');
    const due = paris.addBusinessDays(from, 1);
    expect(iso(due)).toBe('2026-03-30T08:00:00.000Z');
    expect((due.getTime() - from.getTime()) / 3_600_000).toBe(71);
  });

  it('keeps the wall-clock time across the autumn change', () => {
    // Fri 23 October 17:00 CEST (15:00Z) + 1 → Mon 26 October 17:00 CET (16:00Z).
    expect(iso(paris.addBusinessDays(new Date('2026-10-23T15:00:00Z'), 1))).toBe('2026-10-26T16:00:00.000Z');
  });

  it('calendar days across DST: 23 hours in spring, 25 in autumn', () => {
    expect(iso(paris.addCalendarDays(new Date('2026-03-28T09:00:00Z'), 1))).toBe('2026-03-29T08:00:00.000Z');
    expect(iso(paris.addCalendarDays(new Date('2026-10-24T08:00:00Z'), 1))).toBe('2026-10-25T09:00:00.000Z');
  });

  it('a wall-clock time skipped in spring moves forward by the gap (02:30 → 03:30 CEST)', () => {
    // Sat 28 March 02:30 CET = 01:30Z; Sun 29 March 02:30 does not exist.
    expect(iso(paris.addCalendarDays(new Date('2026-03-28T01:30:00Z'), 1))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('a wall-clock time repeated in autumn takes its first occurrence (CEST)', () => {
    // Sat 24 October 02:30 CEST = 00:30Z; Sun 25 October 02:30 happens at 00:30Z and 01:30Z.
    expect(iso(paris.addCalendarDays(new Date('2026-10-24T00:30:00Z'), 1))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('counts dates in the zone, not in UTC', () => {
    // 23:30Z on Friday 6 March is 00:30 on Saturday in Paris.
    expect(paris.isBusinessDay(new Date('2026-03-06T23:30:00Z'))).toBe(false);
    expect(paris.localDate(new Date('2026-03-06T23:30:00Z'))).toBe('2026-03-07');
    // Saturday 00:30 Paris + 1 → Monday 00:30 Paris, which is still Sunday in UTC.
    // Counting on UTC dates would have given Friday + 1 = Monday 23:30Z, a day late.
    expect(iso(paris.addBusinessDays(new Date('2026-03-06T23:30:00Z'), 1))).toBe('2026-03-08T23:30:00.000Z');
  });

  it('skips a local holiday (Easter Monday 6 April 2026)', () => {
    expect(iso(paris.addBusinessDays(new Date('2026-04-03T08:00:00Z'), 1))).toBe('2026-04-07T08:00:00.000Z');
  });

  it('addHours is elapsed time, DST or not', () => {
    expect(iso(paris.addHours(new Date('2026-03-28T09:00:00Z'), 24))).toBe('2026-03-29T09:00:00.000Z');
  });
});

describe('BusinessCalendar in America/New_York (DST: 8 March 2026)', () => {
  it('Friday 17:00 EST + 1 business day → Monday 17:00 EDT', () => {
    const ny = new BusinessCalendar({ timeZone: 'America/New_York' });
    expect(iso(ny.addBusinessDays(new Date('2026-03-06T22:00:00Z'), 1))).toBe('2026-03-09T21:00:00.000Z');
  });
});

/**
 * The calendar remembers each hour's zone offset and each date's business-day steps (a
 * projection computes a deadline per timer). Its answers must stay exactly those of asking Intl
 * every time: checked against a plain implementation that does, over random instants and
 * around every 2026 transition of zones with DST, half- and quarter-hour offsets, and holidays.
 */
describe('BusinessCalendar memos answer as Intl does', () => {
  const ZONES = [
    'UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns',
    'Pacific/Chatham', 'America/Santiago', 'Asia/Tokyo', 'Europe/London',
  ];
  const HOLIDAYS = ['2026-01-01', '2026-04-06', '2026-05-01', '2026-10-26', '2026-12-25'];

  /** The calendar's rules, every conversion asked of Intl. */
  class Reference {
    private readonly fmt: Intl.DateTimeFormat;
    constructor(zone: string, private readonly holidays: ReadonlySet<string>) {
      this.fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      });
    }
    wall(ms: number): number[] {
      const p: Record<string, number> = {};
      for (const part of this.fmt.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
      return [p.year, p.month, p.day, p.hour, p.minute, p.second, ((ms % 1000) + 1000) % 1000];
    }
    utc = (w: number[]) => Date.UTC(w[0], w[1] - 1, w[2], w[3], w[4], w[5], w[6]);
    offset = (ms: number) => this.utc(this.wall(ms)) - ms;
    shift(w: number[], days: number): number[] {
      const d = new Date(Date.UTC(w[0], w[1] - 1, w[2] + days));
      return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), w[3], w[4], w[5], w[6]];
    }
    date = (w: number[]) => `${w[0]}-${String(w[1]).padStart(2, '0')}-${String(w[2]).padStart(2, '0')}`;
    business(w: number[]): boolean {
      const day = new Date(Date.UTC(w[0], w[1] - 1, w[2])).getUTCDay();
      return day !== 0 && day !== 6 && !this.holidays.has(this.date(w));
    }
    instant(w: number[]): number {
      const local = this.utc(w);
      const before = this.offset(local - 86_400_000);
      const after = this.offset(local + 86_400_000);
      const fits = [local - before, local - after].filter((ms) => this.offset(ms) === local - ms);
      return fits.length ? Math.min(...fits) : local - before;
    }
    calendarDays = (ms: number, n: number) => this.instant(this.shift(this.wall(ms), n));
    businessDays(ms: number, n: number): number {
      let w = this.wall(ms);
      for (let counted = 0; counted < n;) {
        w = this.shift(w, 1);
        if (this.business(w)) counted += 1;
      }
      return this.instant(w);
    }
  }

  /** Deterministic instants: random ones over 2000–2040, and each 2026 transition seen from nearby and from days before. */
  function instantsFor(ref: Reference): number[] {
    let seed = 2026;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const out: number[] = [];
    for (let i = 0; i < 300; i += 1) out.push(Date.UTC(2000, 0, 1) + Math.floor(random() * 40 * 365 * 86_400_000));
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
      if (ref.offset(t) === ref.offset(t + 3_600_000)) continue;
      for (let transition = t; transition <= t + 3_600_000; transition += 60_000) {
        if (ref.offset(transition) === ref.offset(t)) continue;
        for (const days of [0, -1, -2, -3, -5, -7, -8]) {
          for (const minutes of [-61, -31, -30, -1, 0, 1, 29, 30, 61]) out.push(transition + days * 86_400_000 + minutes * 60_000 + (minutes % 2 ? 123 : 0));
        }
        break;
      }
    }
    return out;
  }

  it.each(ZONES)('%s', (zone) => {
    const calendar = new BusinessCalendar({ timeZone: zone, holidays: HOLIDAYS });
    const ref = new Reference(zone, new Set(HOLIDAYS));
    const instants = instantsFor(ref);
    expect(instants.length).toBeGreaterThan(zone === 'UTC' || zone === 'Asia/Tokyo' || zone === 'Asia/Kathmandu' ? 299 : 300);
    for (const ms of instants) {
      const t = new Date(ms);
      expect([ms, calendar.localDate(t)]).toEqual([ms, ref.date(ref.wall(ms))]);
      expect([ms, calendar.isBusinessDay(t)]).toEqual([ms, ref.business(ref.wall(ms))]);
      for (const n of [1, 2, 3, 5, 7]) expect([ms, n, calendar.addBusinessDays(t, n).getTime()]).toEqual([ms, n, ref.businessDays(ms, n)]);
      for (const n of [1, 7, 15]) expect([ms, n, calendar.addCalendarDays(t, n).getTime()]).toEqual([ms, n, ref.calendarDays(ms, n)]);
    }
  });
});
