import type { EventStore, RecordedEvent } from '@app/event-store';
import { readPage } from './read-page';

/**
 * Reads pages of the log in order and, while the caller applies a full page (catching up),
 * already fetches the next one: the database writes one batch while this process reads and
 * parses the next. Anything that moves the position another way (a fence, a failure) must
 * call reset(), which drops the read-ahead. `limit` may change from page to page (BatchSizer);
 * a page is full when it holds as many events as it was read for (`lastWasFull`).
 */
export class PageReader {
  private ahead: { after: string | null; limit: number; page: Promise<RecordedEvent[]> } | null = null;
  private lastFull = false;

  constructor(private readonly store: EventStore, private readonly batchSize: number) {}

  async next(after: string | null, limit = this.batchSize): Promise<RecordedEvent[]> {
    const ahead = this.ahead;
    this.ahead = null;
    let page: RecordedEvent[];
    let readWith = limit;
    if (ahead && ahead.after === after) {
      page = await ahead.page;
      readWith = ahead.limit;
    } else page = await readPage(this.store, after, limit);
    this.lastFull = page.length >= readWith;
    if (this.lastFull) {
      const from = page[page.length - 1].position;
      const next = readPage(this.store, from, limit);
      next.catch(() => undefined); // a failed read-ahead is simply read again by next()
      this.ahead = { after: from, limit, page: next };
    }
    return page;
  }

  /** The last page returned was full: more events may follow at once (catching up). */
  get lastWasFull(): boolean {
    return this.lastFull;
  }

  reset(): void {
    this.ahead = null;
  }
}
