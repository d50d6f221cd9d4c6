import type {
  AppendResult, EventStore, EventSubscription, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent,
} from '@app/event-store';
import { CUSTOMER_DATA_ERASED } from '@app/ordering';
import { collectKeyIds, openEventData } from './event-data';
import type { DataKey, KeyRing } from './key-ring';

/** Events whose keys are looked up together: one query per page, not per event. */
const PAGE = 500;

/**
 * The event store as every reader but the auditors' verification sees it: personal values
 * decrypted, or "[erased]" once their key is gone. Appends and everything else pass through, so
 * what is stored (and hash-chained) stays the sealed form.
 */
export class DecryptingEventStore implements EventStore {
  constructor(private readonly inner: EventStore, private readonly keyRing: KeyRing) {}

  get name(): EventStore['name'] {
    return this.inner.name;
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(streamId, events, expected);
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.opened(this.inner.readStream(streamId, options));
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.opened(this.inner.readAll(options));
  }

  subscribeToAll(options?: { after?: string }): EventSubscription {
    const inner = this.inner.subscribeToAll(options);
    const openPage = (page: RecordedEvent[]) => this.openPage(page);
    return {
      close: () => inner.close(),
      // Live events one by one: waiting to fill a page would delay them.
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield* await openPage([event]);
      },
    };
  }

  headPosition(): Promise<string | null> {
    return this.inner.headPosition();
  }

  countAfter(position: string | null, limit?: number): Promise<number> {
    return this.inner.countAfter(position, limit);
  }

  comparePositions(a: string, b: string): number {
    return this.inner.comparePositions(a, b);
  }

  listStreams(prefix: string): AsyncIterable<string> {
    return this.inner.listStreams(prefix);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async *opened(source: AsyncIterable<RecordedEvent>): AsyncGenerator<RecordedEvent> {
    let page: RecordedEvent[] = [];
    for await (const event of source) {
      page.push(event);
      if (page.length < PAGE) continue;
      yield* await this.openPage(page);
      page = [];
    }
    if (page.length) yield* await this.openPage(page);
  }

  private async openPage(page: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const ids = new Set<string>();
    for (const event of page) collectKeyIds(event.type, event.data, ids);
    const keys: Map<string, DataKey> = ids.size ? await this.keyRing.keys(ids) : new Map();
    return page.map((event) => {
      if (event.type === CUSTOMER_DATA_ERASED) this.erasedInPage(event, keys);
      const data = openEventData(event.type, event.data, keys);
      return data === event.data ? event : { ...event, data };
    });
  }

  /**
   * A reader of the log (a projector in another process) learns of an erasure here: it drops
   * the customer's cached keys at once rather than at the cache's expiry, and later events of
   * the page no longer open with a key fetched before the erasure.
   */
  private erasedInPage(event: RecordedEvent, keys: Map<string, DataKey>): void {
    const customerId = event.data.customerId;
    if (typeof customerId !== 'string') return;
    this.keyRing.forget(customerId);
    for (const [keyId, key] of keys) if (key.customerId === customerId) keys.delete(keyId);
  }
}
