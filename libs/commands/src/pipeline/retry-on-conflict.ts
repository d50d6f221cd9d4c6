import { WrongExpectedRevisionError } from '@app/event-store';
import { revisionMismatch } from './errors';

/** Conflicts come only from other processes (the per-order queue serialises this one's); a few re-decisions settle them. */
export const MAX_ATTEMPTS = 10;

export interface RetryOptions {
  /** From If-Match: a conflict is then the caller's to resolve (412), never re-decided. */
  expectedRevision?: number;
  maxAttempts?: number;
  /** Before attempt `next`; by default a random pause growing with the attempts. */
  pause?: (next: number) => Promise<void>;
}

/**
 * Runs `attempt` (read, decide, append) again after a concurrent write to the order, so valid
 * concurrent commands all succeed; with If-Match the conflict answers 412 instead.
 */
export async function retryOnConflict<T>(attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const pause = options.pause ?? randomPause;
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (options.expectedRevision !== undefined) throw revisionMismatch(options.expectedRevision, error.actual);
      if (n >= maxAttempts) throw error;
      await pause(n + 1);
    }
  }
}

/** A random pause before attempt `next`, longer as attempts pile up, so racing processes spread out. */
export const randomPause = (next: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 10 * (next - 1)));
