import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Position,
  type ReadPosition,
  type StreamingRead,
} from '@eventstore/db-client';
import { assertAppendable } from '../append-guards';
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
import { isStreamNotFound, isWrongExpectedVersion, toEsdbStoreError } from './errors';
import { compareEsdbPositions, formatEsdbPosition, knownPosition, parseEsdbPosition } from './position';
import { isSystemEvent, toRecordedEvent } from './recorded-event';
import { EsdbSubscription } from './subscription';

export interface EventStoreDbEventStoreOptions {
  /** Events per read call (each read is one gRPC call of at most this many). Default 500. */
  batchSize?: number;
}

/** A stream nobody writes to: reading it (not found) proves the node answers. */
const PING_STREAM = 'event-store-ping';

/**
 * The EventStore port over EventStoreDB (gRPC client 6.x). EventStoreDB does the concurrency
 * check and the idempotency of same-id re-appends itself. Its $all order has no gap problem:
 * a commit position is assigned when the write is committed, in log order.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly name = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;
  private readonly ownsClient: boolean;
  private readonly batchSize: number;
  private readonly subscriptions = new Set<EsdbSubscription>();

  /** `esdb://host:2113?tls=false` (connects lazily), or a client whose lifetime the caller owns. */
  constructor(connection: string | EventStoreDBClient, options: EventStoreDbEventStoreOptions = {}) {
    this.ownsClient = typeof connection === 'string';
    this.client = typeof connection === 'string' ? EventStoreDBClient.connectionString(connection) : connection;
    this.batchSize = options.batchSize ?? 500;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(streamId, events, expected);
    const expectedRevision: AppendExpectedRevision = expected === 'no_stream' ? NO_STREAM : expected === 'any' ? ANY : BigInt(expected);
    let revision: number;
    let reported: Position | undefined;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.eventId, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision },
      );
      revision = Number(result.nextExpectedRevision);
      reported = knownPosition(result.position);
    } catch (error) {
      if (isWrongExpectedVersion(error)) {
        const actual = error.actualVersion === NO_STREAM ? 'no_stream' : Number(error.actualVersion);
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      throw toEsdbStoreError(error, 'append');
    }
    // The reported position is the write's; for one new event that is the event's own. An
    // idempotent answer reports none, and for several events the last one's is read back.
    if (reported && events.length === 1) return { revision, position: formatEsdbPosition(reported) };
    return { revision, position: await this.positionOf(streamId, revision, reported) };
  }

  private async positionOf(streamId: string, revision: number, fallback: Position | undefined): Promise<string> {
    for await (const event of this.readStream(streamId, { fromRevision: revision, maxCount: 1 })) {
      if (event.position) return event.position;
    }
    if (fallback) return formatEsdbPosition(fallback);
    return '';
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backward = options.direction === 'backward';
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let next: bigint | typeof START | typeof END = options.fromRevision !== undefined ? BigInt(options.fromRevision) : backward ? END : START;
    const stop = options.toRevision;
    while (remaining > 0) {
      const maxCount = Math.min(this.batchSize, remaining);
      const read = this.client.readStream(streamId, { fromRevision: next, direction: backward ? BACKWARDS : FORWARDS, maxCount });
      let count = 0;
      let last: bigint | undefined;
      try {
        for await (const resolved of read) {
          const event = resolved.event;
          if (!event) continue;
          count += 1;
          last = event.revision;
          if (stop !== undefined && (backward ? event.revision < BigInt(stop) : event.revision > BigInt(stop))) return;
          remaining -= 1;
          yield toRecordedEvent(event);
        }
      } catch (error) {
        if (isStreamNotFound(error)) return;
        throw toEsdbStoreError(error, 'readStream');
      }
      if (count < maxCount || last === undefined) return;
      if (backward && last === 0n) return;
      next = backward ? last - 1n : last + 1n;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.limit ?? Number.MAX_SAFE_INTEGER;
    for await (const event of this.scanAll(options.after)) {
      if (remaining <= 0) return;
      remaining -= 1;
      yield toRecordedEvent(event);
    }
  }

  subscribeToAll(options: { after?: string } = {}): EventSubscription {
    const subscription = new EsdbSubscription(this.client, options.after, (closed) => this.subscriptions.delete(closed));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Reads $all backwards past system events to the newest of ours. */
  async headPosition(): Promise<string | null> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllPage(from, BACKWARDS);
      for (const resolved of page) {
        const event = resolved.event;
        if (event && !isSystemEvent(event)) return formatEsdbPosition(event.position);
      }
      if (page.length < this.batchSize) return null;
      const oldest = page[page.length - 1].event?.position;
      if (!oldest) return null;
      from = oldest; // backward reads exclude their start position
    }
  }

  /** EventStoreDB keeps no count: this reads every event after `position`, O(lag). */
  async countAfter(position: string | null): Promise<number> {
    let count = 0;
    for await (const _ of this.scanAll(position ?? undefined)) count += 1;
    return count;
  }

  comparePositions(a: string, b: string): number {
    return compareEsdbPositions(a, b);
  }

  /**
   * Streams whose first event (revision 0) is in $all, in log order. A full scan of $all: fine
   * for audit tools, not for request paths. ($streams would be cheaper but needs the system
   * projections enabled, which a default server does not have.)
   */
  async *listStreams(prefix: string): AsyncIterable<string> {
    for await (const event of this.scanAll(undefined)) {
      if (event.revision === 0n && event.streamId.startsWith(prefix)) yield event.streamId;
    }
  }

  async ping(): Promise<void> {
    try {
      for await (const _ of this.client.readStream(PING_STREAM, { maxCount: 1 })) break;
    } catch (error) {
      if (isStreamNotFound(error)) return;
      throw toEsdbStoreError(error, 'ping');
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    if (this.ownsClient) await this.client.dispose();
  }

  /** Our events (no system ones) strictly after `after`, in $all order, one page per call. */
  private async *scanAll(after: string | undefined) {
    let afterCommit = after === undefined ? undefined : parseEsdbPosition(after);
    for (;;) {
      const from: ReadPosition = afterCommit === undefined ? START : { commit: afterCommit, prepare: afterCommit };
      const page = await this.readAllPage(from, FORWARDS);
      let last: bigint | undefined;
      for (const resolved of page) {
        const event = resolved.event;
        if (!event) continue;
        // Forward reads include their start position: the event there was already delivered.
        if (afterCommit !== undefined && event.position.commit <= afterCommit) continue;
        last = event.position.commit;
        if (!isSystemEvent(event)) yield event;
      }
      if (page.length < this.batchSize || last === undefined) return;
      afterCommit = last;
    }
  }

  private async readAllPage(from: ReadPosition, direction: typeof FORWARDS | typeof BACKWARDS): Promise<AllStreamResolvedEvent[]> {
    try {
      return await collect(this.client.readAll({ fromPosition: from, direction, maxCount: this.batchSize }));
    } catch (error) {
      throw toEsdbStoreError(error, 'readAll');
    }
  }
}

/** One page is at most batchSize events, so holding it is bounded. */
async function collect<E>(read: StreamingRead<E>): Promise<E[]> {
  const items: E[] = [];
  for await (const item of read) items.push(item);
  return items;
}
