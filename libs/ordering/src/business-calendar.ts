/**
 * Business and calendar day arithmetic in the merchant's time zone.
 *
 * Deadlines are "the same wall-clock time on a later local date", so the arithmetic happens on
 * local civil dates and the result is mapped back to an instant. Across a DST change that instant
 * is 23 or 25 hours away per day, which is what a merchant promising "by 14:00" means.
 * Only Intl is used: the zone rules come from the runtime's ICU data, no library, no I/O.
 */

export interface BusinessCalendarOptions {
  /** Local dates 'YYYY-MM-DD' that are not business days. */
  holidays?: readonly string[];
  /** IANA zone; default 'UTC'. */
  timeZone?: string;
}

/** A local date and time of day, without zone. Months are 1-12. */
interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Bounds on the memos below (entries); reaching one clears it. */
const MEMO_LIMIT = 100_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class BusinessCalendar {
  readonly timeZone: string;
  private readonly holidays: ReadonlySet<string>;
  private readonly formatter: Intl.DateTimeFormat;
  /** The zone is UTC: local time is UTC time, no formatter needed. */
  private readonly utc: boolean;
  /**
   * Zone offset per UTC hour (hour index → ms), for the hours with one offset throughout.
   * Asking Intl is the costly part of every conversion (a projection computing deadlines spent
   * most of its time there); zone rules never change inside a running process, so each hour is
   * asked about once.
   */
  private readonly hourOffsets = new Map<number, number>();
  /** Business-day steps per local start date and count ('YYYY-MM-DD|n' → local date n business days later). */
  private readonly businessDateSteps = new Map<string, { year: number; month: number; day: number }>();

  constructor(options: BusinessCalendarOptions = {}) {
    this.timeZone = options.timeZone ?? 'UTC';
    // Building a formatter is costly; one per calendar, reused for every conversion.
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: this.timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    this.utc = this.formatter.resolvedOptions().timeZone === 'UTC';
    const holidays = options.holidays ?? [];
    for (const h of holidays) {
      if (!isValidIsoDate(h)) throw new RangeError(`Holiday '${h}' is not a valid YYYY-MM-DD date`);
    }
    this.holidays = new Set(holidays);
  }

  /** Elapsed hours: a 24-hour timer is 24 real hours even across a DST change. */
  addHours(t: Date, n: number): Date {
    return new Date(t.getTime() + n * HOUR_MS);
  }

  /** The same local wall-clock time n local dates later. */
  addCalendarDays(t: Date, n: number): Date {
    assertInteger(n, 'n');
    const wall = this.toWallClock(t);
    return this.fromWallClock(shiftDate(wall, n));
  }

  /** The same local time of day on the n-th business day strictly after t's local date. */
  addBusinessDays(t: Date, n: number): Date {
    assertInteger(n, 'n');
    if (n < 0) throw new RangeError('addBusinessDays counts forward only');
    if (n === 0) return new Date(t.getTime());
    const wall = this.toWallClock(t);
    const key = `${isoDate(wall)}|${n}`;
    let date = this.businessDateSteps.get(key);
    if (!date) {
      let day = wall;
      let counted = 0;
      while (counted < n) {
        day = shiftDate(day, 1);
        if (this.isBusinessDate(day)) counted += 1;
      }
      date = { year: day.year, month: day.month, day: day.day };
      if (this.businessDateSteps.size >= MEMO_LIMIT) this.businessDateSteps.clear();
      this.businessDateSteps.set(key, date);
    }
    return this.fromWallClock({ ...wall, ...date });
  }

  /** A 'YYYY-MM-DD' local date, or the local date of an instant in the calendar's zone. */
  isBusinessDay(date: Date | string): boolean {
    if (typeof date === 'string') {
      if (!isValidIsoDate(date)) throw new RangeError(`'${date}' is not a valid YYYY-MM-DD date`);
      const [y, m, d] = date.split('-').map(Number);
      return this.isBusinessDate({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0, millisecond: 0 });
    }
    return this.isBusinessDate(this.toWallClock(date));
  }

  /** The local date of an instant, 'YYYY-MM-DD'. */
  localDate(t: Date): string {
    return isoDate(this.toWallClock(t));
  }

  private isBusinessDate(wall: WallClock): boolean {
    const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    return !this.holidays.has(isoDate(wall));
  }

  private toWallClock(t: Date): WallClock {
    const ms = t.getTime();
    if (Number.isNaN(ms)) throw new RangeError('Invalid date');
    const local = new Date(ms + this.offsetAt(ms));
    return {
      year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(),
      hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: local.getUTCSeconds(),
      millisecond: local.getUTCMilliseconds(),
    };
  }

  /** The local wall clock of an instant as Intl reads it (the zone rules' source of truth). */
  private askZone(ms: number): WallClock {
    const t = new Date(ms);
    const parts: Record<string, number> = {};
    for (const p of this.formatter.formatToParts(t)) {
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    return {
      year: parts.year, month: parts.month, day: parts.day,
      hour: parts.hour, minute: parts.minute, second: parts.second,
      millisecond: ((ms % 1000) + 1000) % 1000,
    };
  }

  /**
   * Zone offset (local minus UTC) in force at an instant. An hour whose first and last
   * millisecond have the same offset has it throughout (zones never change offset twice within
   * an hour), so it is remembered; an hour with a transition inside is asked about each time.
   */
  private offsetAt(instantMs: number): number {
    if (Number.isNaN(instantMs)) throw new RangeError('Invalid date');
    if (this.utc) return 0;
    const hour = Math.floor(instantMs / HOUR_MS);
    const known = this.hourOffsets.get(hour);
    if (known !== undefined) return known;
    const start = hour * HOUR_MS;
    const first = this.zoneOffset(start);
    if (this.zoneOffset(start + HOUR_MS - 1) !== first) return this.zoneOffset(instantMs);
    if (this.hourOffsets.size >= MEMO_LIMIT) this.hourOffsets.clear();
    this.hourOffsets.set(hour, first);
    return first;
  }

  private zoneOffset(instantMs: number): number {
    return wallToUtcMs(this.askZone(instantMs)) - instantMs;
  }

  /**
   * Maps a local wall-clock time to an instant like Temporal's 'compatible' disambiguation:
   * a time repeated when clocks go back takes its first occurrence; a time skipped when clocks
   * go forward moves forward by the gap (02:30 becomes 03:30). Assumes at most one zone
   * transition within a day either side, which holds for every real zone.
   */
  private fromWallClock(wall: WallClock): Date {
    const local = wallToUtcMs(wall);
    const before = this.offsetAt(local - DAY_MS);
    const after = this.offsetAt(local + DAY_MS);
    const candidates = [local - before, local - after].filter((ms) => this.offsetAt(ms) === local - ms);
    if (candidates.length > 0) return new Date(Math.min(...candidates));
    return new Date(local - before);
  }
}

/** A calendar in UTC without holidays; what the domain uses when none is configured. */
export const UTC_CALENDAR = new BusinessCalendar();

function wallToUtcMs(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
}

function shiftDate(w: WallClock, days: number): WallClock {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isoDate(w: WallClock): string {
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

function isValidIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function assertInteger(n: number, name: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${name} must be an integer`);
}
