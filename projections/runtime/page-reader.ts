import type { EventStore, RecordedEvent } from '@app/event-store';
import { readPage } from './read-page';

/**
 * Reads pages of the log in order and, while the caller applies a full page (catching up),
 * already fetches the next one: the database writes one batch while this process reads and
 * parses the next. Anything that moves the position another way (a fence, a failure) must
 * call reset(), which drops the read-ahead.
 */
export class PageReader {
  private ahead: { after: string | null; page: Promise<RecordedEvent[]> } | null = null;

  constructor(private readonly store: EventStore, private readonly batchSize: number) {}

  async next(after: string | null): Promise<RecordedEvent[]> {
    const ahead = this.ahead;
    this.ahead = null;
    const page = ahead && ahead.after === after ? await ahead.page : await readPage(this.store, after, this.batchSize);
    if (page.length === this.batchSize) {
      const from = page[page.length - 1].position;
      const next = readPage(this.store, from, this.batchSize);
      next.catch(() => undefined); // a failed read-ahead is simply read again by next()
      this.ahead = { after: from, page: next };
    }
    return page;
  }

  reset(): void {
    this.ahead = null;
  }
}
