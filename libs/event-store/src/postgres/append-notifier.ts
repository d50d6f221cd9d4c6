import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

/** The channel committed appends are announced on; subscriptions LISTEN on it. */
export const NOTIFY_CHANNEL = 'event_store_appended';

/** Other processes' subscriptions hear at most one NOTIFY per this many ms from one store. */
export const NOTIFY_MIN_INTERVAL_MS = 5;

// Asynchronous commit: a lost wake-up costs one poll interval, not worth a WAL flush. The payload
// names the sending store, whose own listener ignores it (its subscriptions were woken already).
const NOTIFY = {
  name: 'event_store_notify',
  text: `SELECT set_config('synchronous_commit', 'off', true), pg_notify('${NOTIFY_CHANNEL}', $1::text)`,
};

export interface AppendNotifierOptions {
  /** Wakes this store's own subscriptions, in this process, with no round trip. */
  wakeLocal: () => void;
  /** Floor between two NOTIFYs (default NOTIFY_MIN_INTERVAL_MS). */
  minIntervalMs?: number;
}

/**
 * Wakes listeners after appends commit. This store's own subscriptions are woken at once, in
 * process. Other processes hear a NOTIFY: at most one in flight per store and at most one per
 * `minIntervalMs`; appends that finish meanwhile ask for one more, sent when the interval is up.
 * A NOTIFY inside the append's own transaction would be simpler, but PostgreSQL serialises the
 * commits of notifying transactions on one lock held across the WAL flush: measured on this
 * project's 2-core box, ~800 appends/s with it against ~4,000/s without (docs/event-store.md).
 * Sent after every append, the NOTIFYs were up to one round trip per append under load (as many
 * as one per millisecond); the floor caps them near 200/s for ≤ 5 ms more cross-process latency
 * (docs/benchmarks.md). A notification is only a hint to read now; one lost to a crash right
 * after a commit is caught by the subscriptions' polling.
 */
export class AppendNotifier {
  /** The payload of this store's NOTIFYs, so its own listener can tell them apart. */
  readonly origin = randomUUID();
  private sending: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private lastSent = 0;
  private readonly minIntervalMs: number;

  constructor(private readonly pool: Pool, private readonly options: AppendNotifierOptions) {
    this.minIntervalMs = options.minIntervalMs ?? NOTIFY_MIN_INTERVAL_MS;
  }

  /** After a committed append. Never throws and never delays the append's answer. */
  notify(): void {
    if (this.closed) return;
    this.options.wakeLocal();
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = this.send().finally(() => {
      this.sending = null;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.sending;
  }

  private async send(): Promise<void> {
    do {
      this.again = false;
      const wait = this.lastSent + this.minIntervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (this.closed) return;
      this.lastSent = Date.now();
      try {
        await this.pool.query({ ...NOTIFY, values: [this.origin] });
      } catch {
        // The server is unreachable: subscriptions poll, and their reads report it.
      }
    } while (this.again && !this.closed);
  }
}
