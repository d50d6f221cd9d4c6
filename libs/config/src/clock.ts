/** Business time. Everything that decides or schedules asks this, never `new Date()`. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * Settable clock for acceptance tests (TEST_CLOCK=1 only): once set, time keeps flowing from the
 * set instant, so events still get distinct, increasing times.
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
}
