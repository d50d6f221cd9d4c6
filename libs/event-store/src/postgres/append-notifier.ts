import type { Pool } from 'pg';

/** The channel committed appends are announced on; subscriptions LISTEN on it. */
export const NOTIFY_CHANNEL = 'event_store_appended';

// Asynchronous commit: a lost wake-up costs one poll interval, not worth a WAL flush.
const NOTIFY_SQL = `SELECT set_config('synchronous_commit', 'off', true), pg_notify('${NOTIFY_CHANNEL}', '')`;

/**
 * Wakes listeners after appends commit, at most one NOTIFY in flight per store: appends that
 * finish meanwhile ask for one more, sent when it returns. A NOTIFY inside the append's own
 * transaction would be simpler, but PostgreSQL serialises the commits of notifying transactions
 * on one lock held across the WAL flush: measured on this project's 2-core box, ~800 appends/s
 * with it against ~4,000/s without (docs/event-store.md). A notification is only a hint to
 * read now; one lost to a crash right after a commit is caught by the subscriptions' polling.
 */
export class AppendNotifier {
  private sending: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly pool: Pool) {}

  /** After a committed append. Never throws and never delays the append's answer. */
  notify(): void {
    if (this.closed) return;
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
      try {
        await this.pool.query(NOTIFY_SQL);
      } catch {
        // The server is unreachable: subscriptions poll, and their reads report it.
      }
    } while (this.again && !this.closed);
  }
}
