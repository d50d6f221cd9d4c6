import type { Pool } from 'pg';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventSubscription,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../event-store.port';
import { assertAppendable } from '../append-guards';
import { AppendNotifier, NOTIFY_CHANNEL } from './append-notifier';
import { appendStatement, type AppendRow } from './append-statement';
import { isUniqueViolation, toStoreError } from './errors';
import { findEarlierAppend, type StoredIdRow } from './idempotent-append';
import { NotifyListener } from './notify-listener';
import { comparePgPositions, formatPosition, parsePosition, START } from './position';
import * as reads from './read-statements';
import { toRecordedEvent, type EventRow } from './rows';
import { PgSubscription } from './subscription';

export interface PostgresEventStoreOptions {
  /** Safety-net poll of live subscriptions when no notification arrives. Default 500 ms. */
  pollIntervalMs?: number;
  /** Rows per page for every paged read. Default 500. */
  batchSize?: number;
}

/**
 * The default event store: the `events` and `streams` tables of eventStoreMigrations.
 * Appends are one statement (one round trip, one transaction); global reads obey the gap rule
 * (read-statements.ts). Shares the caller's pool and never ends it.
 */
export class PostgresEventStore implements EventStore {
  readonly name = 'postgres' as const;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly listener: NotifyListener;
  private readonly notifier: AppendNotifier;
  private readonly subscriptions = new Set<PgSubscription>();

  constructor(
    private readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.batchSize = options.batchSize ?? 500;
    // Woken on the next turn of the event loop: the append's caller answers first.
    this.notifier = new AppendNotifier(pool, { wakeLocal: () => setImmediate(() => this.listener.wakeLocal()) });
    this.listener = new NotifyListener(pool.options, NOTIFY_CHANNEL, this.notifier.origin);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(streamId, events, expected);
    try {
      const { rows } = await this.pool.query<AppendRow>(appendStatement(streamId, events, expected));
      if (rows.length === 1) {
        const [row] = rows;
        this.notifier.notify();
        return { revision: Number(row.revision), position: formatPosition(row.transaction_id, row.global_position) };
      }
    } catch (error) {
      // An id already in the stream: a retry of an earlier append, or a conflict. Rolled back.
      if (!isUniqueViolation(error, 'events_stream_event_id_key')) throw toStoreError(error, 'append');
    }
    return this.resolveRejectedAppend(streamId, events, expected);
  }

  /** The slow path, off the hot one: a conflict, or a retry to answer as the first append did. */
  private async resolveRejectedAppend(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    let current: number | 'no_stream';
    let stored: StoredIdRow[];
    try {
      const [head, ids] = await Promise.all([
        this.pool.query<{ revision: string }>('SELECT revision::text AS revision FROM streams WHERE stream_id = $1', [streamId]),
        this.pool.query<StoredIdRow>(
          `SELECT event_id::text AS event_id, stream_revision::text AS stream_revision,
                  transaction_id::text AS transaction_id, global_position::text AS global_position
           FROM events WHERE stream_id = $1 AND event_id = ANY($2::uuid[])`,
          [streamId, events.map((e) => e.eventId)],
        ),
      ]);
      current = head.rows.length ? Number(head.rows[0].revision) : 'no_stream';
      stored = ids.rows;
    } catch (error) {
      throw toStoreError(error, 'append');
    }
    const earlier = findEarlierAppend(events, expected, stored);
    if (earlier) return earlier;
    throw new WrongExpectedRevisionError(streamId, expected, current);
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const direction = options.direction ?? 'forward';
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let low: number;
    let high: number;
    if (direction === 'forward') {
      low = options.fromRevision ?? 0;
      high = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    } else {
      low = options.toRevision ?? 0;
      high = options.fromRevision ?? Number.MAX_SAFE_INTEGER;
    }
    while (remaining > 0 && low <= high) {
      const limit = Math.min(this.batchSize, remaining);
      const rows = await this.query<EventRow>(reads.readStreamPage(streamId, low, high, direction, limit), 'readStream');
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      const last = Number(rows[rows.length - 1].stream_revision);
      if (direction === 'forward') low = last + 1;
      else high = last - 1;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = options.after;
    let remaining = options.limit ?? Number.MAX_SAFE_INTEGER;
    while (remaining > 0) {
      const limit = Math.min(this.batchSize, remaining);
      const page = await this.readAllPage(after, limit);
      for (const event of page) yield event;
      if (page.length < limit) return;
      remaining -= page.length;
      after = page[page.length - 1].position;
    }
  }

  subscribeToAll(options: { after?: string } = {}): EventSubscription {
    if (options.after !== undefined) parsePosition(options.after); // fail now, not on the first read
    const subscription = new PgSubscription(
      {
        readPage: (after, limit) => this.readAllPage(after, limit),
        listener: this.listener,
        pollIntervalMs: this.pollIntervalMs,
        batchSize: this.batchSize,
      },
      options.after,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<string | null> {
    const rows = await this.query<{ transaction_id: string; global_position: string }>({ text: reads.HEAD_POSITION }, 'headPosition');
    return rows.length ? formatPosition(rows[0].transaction_id, rows[0].global_position) : null;
  }

  async countAfter(position: string | null, limit?: number): Promise<number> {
    const after = position === null ? START : parsePosition(position);
    const rows = await this.query<{ count: string }>(reads.countAfter(after, limit), 'countAfter');
    return Number(rows[0].count);
  }

  comparePositions(a: string, b: string): number {
    return comparePgPositions(a, b);
  }

  async *listStreams(prefix: string): AsyncIterable<string> {
    let after: string | null = null;
    for (;;) {
      const rows: { stream_id: string }[] = await this.query<{ stream_id: string }>(reads.listStreamsPage(prefix, after, this.batchSize), 'listStreams');
      for (const row of rows) yield row.stream_id;
      if (rows.length < this.batchSize) return;
      after = rows[rows.length - 1].stream_id;
    }
  }

  async ping(): Promise<void> {
    await this.query({ text: 'SELECT 1' }, 'ping');
  }

  /** Ends the subscriptions and the listener connection; the pool belongs to the caller. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await Promise.all([this.listener.close(), this.notifier.close()]);
  }

  private async readAllPage(after: string | undefined, limit: number): Promise<RecordedEvent[]> {
    const from = after === undefined ? START : parsePosition(after);
    const rows = await this.query<EventRow>(reads.readAllPage(from, limit), 'readAll');
    return rows.map(toRecordedEvent);
  }

  private async query<R extends object>(config: { text: string; name?: string; values?: unknown[] }, action: string): Promise<R[]> {
    try {
      return (await this.pool.query<R>(config)).rows;
    } catch (error) {
      throw toStoreError(error, action);
    }
  }
}
