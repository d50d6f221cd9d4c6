import type { EventSubscription, RecordedEvent } from '../event-store.port';
import { isUnavailable } from './errors';
import type { NotifyListener } from './notify-listener';

const MAX_RETRY_DELAY_MS = 5_000;

export interface SubscriptionSource {
  /** Events strictly after `after` (undefined: from the start), in global order, at most `limit`. */
  readPage(after: string | undefined, limit: number): Promise<RecordedEvent[]>;
  listener: NotifyListener;
  pollIntervalMs: number;
  batchSize: number;
}

/**
 * Catch-up then live: reads pages after its cursor until a page comes back short, then sleeps
 * until a notification, the poll interval (the safety net for a lost notification, or for
 * events held back behind an older transaction that ended without notifying) or close().
 * The consumer pulls (`for await`), so a slow consumer slows the reads instead of buffering.
 * Unavailability is retried with backoff from the cursor; any other error ends the iteration.
 */
export class PgSubscription implements EventSubscription {
  private closed = false;
  private dirty = false;
  private wakeSleeper: (() => void) | null = null;
  private readonly unregister: () => void;
  private readonly events: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly source: SubscriptionSource,
    after: string | undefined,
    private readonly onClose: (subscription: PgSubscription) => void,
  ) {
    // Registered before the first read, so a notification during that read is not lost.
    this.unregister = source.listener.register(this.wake);
    this.events = this.run(after);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unregister();
    this.wake();
    this.onClose(this);
  }

  private readonly wake = (): void => {
    this.dirty = true;
    const wakeSleeper = this.wakeSleeper;
    this.wakeSleeper = null;
    wakeSleeper?.();
  };

  private async *run(after: string | undefined): AsyncGenerator<RecordedEvent> {
    let cursor = after;
    let failures = 0;
    try {
      while (!this.closed) {
        this.dirty = false;
        let page: RecordedEvent[];
        try {
          page = await this.source.readPage(cursor, this.source.batchSize);
          failures = 0;
        } catch (error) {
          if (this.closed) return;
          if (!isUnavailable(error)) throw error;
          failures += 1;
          await this.sleep(Math.min(MAX_RETRY_DELAY_MS, 100 * 2 ** Math.min(failures, 6)));
          continue;
        }
        for (const event of page) {
          if (this.closed) return;
          cursor = event.position;
          yield event;
        }
        if (page.length < this.source.batchSize && !this.dirty) await this.sleep(this.source.pollIntervalMs);
      }
    } finally {
      // The consumer left the loop (break/throw) or close() was called.
      await this.close();
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleeper = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }
}
