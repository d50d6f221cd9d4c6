import { excludeSystemEvents, START, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { EventSubscription, RecordedEvent } from '../event-store.port';
import { isEsdbPermanent } from './errors';
import { parseEsdbPosition, toLogPosition } from './position';
import { isSystemEvent, toRecordedEvent } from './recorded-event';

const MAX_RETRY_DELAY_MS = 5_000;

/**
 * A catch-up subscription to $all without system events. When the server drops it (node
 * restart, leader change, network), it resubscribes from the last event it delivered, after a
 * backoff; events at or before that position are dropped, so a resubscription never delivers
 * one twice. Errors that a retry cannot fix (access denied, bad argument) end the iteration.
 */
export class EsdbSubscription implements EventSubscription {
  private closed = false;
  private current: AllStreamSubscription | null = null;
  private wakeSleeper: (() => void) | null = null;
  private readonly events: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly client: EventStoreDBClient,
    after: string | undefined,
    private readonly onClose: (subscription: EsdbSubscription) => void,
  ) {
    if (after !== undefined) parseEsdbPosition(after);
    this.events = this.run(after);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakeSleeper?.();
    this.onClose(this);
    // Ends the readable, so a consumer waiting in for-await sees the end.
    await this.current?.unsubscribe().catch(() => undefined);
  }

  private async *run(after: string | undefined): AsyncGenerator<RecordedEvent> {
    let cursor = after === undefined ? undefined : parseEsdbPosition(after);
    let failures = 0;
    try {
      while (!this.closed) {
        const subscription = this.client.subscribeToAll({
          fromPosition: cursor === undefined ? START : toLogPosition(String(cursor)),
          filter: excludeSystemEvents(),
        });
        this.current = subscription;
        try {
          for await (const resolved of subscription) {
            if (this.closed) return;
            const event = resolved.event;
            if (!event || isSystemEvent(event)) continue;
            if (cursor !== undefined && event.position.commit <= cursor) continue;
            cursor = event.position.commit;
            failures = 0;
            yield toRecordedEvent(event);
          }
        } catch (error) {
          if (this.closed) return;
          if (isEsdbPermanent(error)) throw error;
        } finally {
          this.current = null;
          await subscription.unsubscribe().catch(() => undefined);
        }
        if (this.closed) return;
        failures += 1;
        await this.sleep(Math.min(MAX_RETRY_DELAY_MS, 100 * 2 ** Math.min(failures, 6)));
      }
    } finally {
      await this.close();
    }
  }

  private sleep(ms: number): Promise<void> {
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
