import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  type AllStreamRecordedEvent,
  type AppendExpectedRevision,
  type AppendResult as EsdbAppendResult,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import { assertAppendable } from '../append-guards';
import {
  EventStoreOutcomeUnknownError,
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
import { appendOnce } from './append-once';
import { resolveUnconfirmedAppend } from './append-outcome';
import { boundedRead } from './bounded-read';
import { withDiscoveryBounds, type DiscoveryBounds } from './connection';
import { isStreamNotFound, isWrongExpectedVersion, mayHaveBeenWritten, toEsdbStoreError } from './errors';
import { compareEsdbPositions, formatEsdbPosition, knownPosition, parseEsdbPosition } from './position';
import { isSystemEvent, toRecordedEvent } from './recorded-event';
import { EsdbSubscription } from './subscription';

export interface EventStoreDbEventStoreOptions {
  /** Events per read call (each read is one gRPC call of at most this many). Default 500, at least 2. */
  batchSize?: number;
  /** A read call whose next answer takes longer fails as unavailable and is cancelled. Default 10 s. */
  readTimeoutMs?: number;
  /** Cluster discovery bounds, where the connection string sets none (defaults: 3 rounds, 500 ms apart, 2 s per seed). */
  discovery?: DiscoveryBounds;
}

const DEFAULT_DISCOVERY: DiscoveryBounds = { maxDiscoverAttempts: 3, discoveryIntervalMs: 500, gossipTimeoutSeconds: 2 };

/** Events per backward page when looking for the head past system events. */
const HEAD_PAGE_SIZE = 32;

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
  private readonly readTimeoutMs: number;
  private readonly subscriptions = new Set<EsdbSubscription>();

  /** `esdb://host:2113?tls=false` (connects lazily), or a client whose lifetime the caller owns. */
  constructor(connection: string | EventStoreDBClient, options: EventStoreDbEventStoreOptions = {}) {
    this.batchSize = options.batchSize ?? 500;
    // A forward page includes the event at its start position, which was already delivered: a
    // page of one would hold nothing new, and the scan would stop there.
    if (!Number.isInteger(this.batchSize) || this.batchSize < 2) throw new RangeError(`batchSize must be an integer of at least 2, got ${this.batchSize}`);
    this.readTimeoutMs = options.readTimeoutMs ?? 10_000;
    if (!(this.readTimeoutMs > 0)) throw new RangeError(`readTimeoutMs must be positive, got ${this.readTimeoutMs}`);
    this.ownsClient = typeof connection === 'string';
    this.client =
      typeof connection === 'string'
        ? EventStoreDBClient.connectionString(withDiscoveryBounds(connection, options.discovery ?? DEFAULT_DISCOVERY))
        : connection;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(streamId, events, expected);
    const expectedRevision: AppendExpectedRevision = expected === 'no_stream' ? NO_STREAM : expected === 'any' ? ANY : BigInt(expected);
    let result: EsdbAppendResult;
    try {
      result = await appendOnce(
        this.client,
        streamId,
        events.map((e) => jsonEvent({ id: e.eventId, type: e.type, data: e.data, metadata: e.metadata })),
        expectedRevision,
      );
    } catch (error) {
      if (isWrongExpectedVersion(error)) {
        const actual = error.actualVersion === NO_STREAM ? 'no_stream' : Number(error.actualVersion);
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      if (mayHaveBeenWritten(error)) return resolveUnconfirmedAppend(this, streamId, events, expected, error as Error);
      throw toEsdbStoreError(error, 'append');
    }
    // `throwOnAppendFailure=false` in the URL makes the client answer a conflict as a result.
    if (!result.success) {
      const actual = result.nextExpectedRevision < 0n ? 'no_stream' : Number(result.nextExpectedRevision);
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    const revision = Number(result.nextExpectedRevision);
    const reported = knownPosition(result.position);
    // The reported position is the write's; for one new event that is the event's own. An
    // idempotent answer reports none, and for several events the last one's is read back.
    if (reported && events.length === 1) return { revision, position: formatEsdbPosition(reported) };
    try {
      return { revision, position: await this.positionOf(streamId, revision, reported) };
    } catch (error) {
      // Written, but without its position the caller cannot be answered; "unavailable" would
      // claim nothing was written. A retry with the same ids is answered from the stream.
      throw new EventStoreOutcomeUnknownError(`EventStoreDB stored the append to ${streamId} but its position could not be read: ${(error as Error).message}`, error);
    }
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
    let remaining = Math.min(options.maxCount ?? Number.MAX_SAFE_INTEGER, spanToRevision(options, backward));
    let next: bigint | typeof START | typeof END = options.fromRevision !== undefined ? BigInt(options.fromRevision) : backward ? END : START;
    const stop = options.toRevision;
    while (remaining > 0) {
      const maxCount = Math.min(this.batchSize, remaining);
      const read = this.client.readStream(streamId, { fromRevision: next, direction: backward ? BACKWARDS : FORWARDS, maxCount });
      let count = 0;
      let last: bigint | undefined;
      try {
        for await (const resolved of boundedRead(read, this.readTimeoutMs, 'readStream')) {
          const event = resolved.event;
          if (!event) continue;
          count += 1;
          last = event.revision;
          // Only reachable backwards from the end, where the span is unknown: leaving cancels the read.
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
    for await (const event of this.scanAll(options.after, options.limit)) yield toRecordedEvent(event);
  }

  subscribeToAll(options: { after?: string } = {}): EventSubscription {
    const subscription = new EsdbSubscription(this.client, options.after, (closed) => this.subscriptions.delete(closed));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Reads $all backwards past system events to the newest of ours. */
  async headPosition(): Promise<string | null> {
    let from: ReadPosition = END;
    // Small pages: the newest event is usually ours, and projection watchdogs ask every few seconds.
    const pageSize = Math.min(this.batchSize, HEAD_PAGE_SIZE);
    for (;;) {
      const page = await this.readAllPage(from, BACKWARDS, pageSize);
      for (const resolved of page) {
        const event = resolved.event;
        if (event && !isSystemEvent(event)) return formatEsdbPosition(event.position);
      }
      if (page.length < pageSize) return null;
      const oldest = page[page.length - 1].event?.position;
      if (!oldest) return null;
      from = oldest; // backward reads exclude their start position
    }
  }

  /** EventStoreDB keeps no count: this reads the events after `position`, O(lag), stopping at `limit`. */
  async countAfter(position: string | null, limit?: number): Promise<number> {
    let count = 0;
    for await (const _ of this.scanAll(position ?? undefined, limit)) count += 1;
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

  /** Proves the node answers our reads; refused credentials fail as EventStoreAccessDeniedError. */
  async ping(): Promise<void> {
    try {
      for await (const _ of boundedRead(this.client.readStream(PING_STREAM, { maxCount: 1 }), this.readTimeoutMs, 'ping')) break;
    } catch (error) {
      if (isStreamNotFound(error)) return;
      throw toEsdbStoreError(error, 'ping');
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    if (this.ownsClient) await this.client.dispose();
  }

  /**
   * Our events (no system ones) strictly after `after`, in $all order, at most `limit` of them,
   * one page per call; no page asks for more than the limit still needs.
   */
  private async *scanAll(after: string | undefined, limit = Number.MAX_SAFE_INTEGER): AsyncGenerator<AllStreamRecordedEvent> {
    let afterCommit = after === undefined ? undefined : parseEsdbPosition(after);
    let remaining = limit;
    while (remaining > 0) {
      const from: ReadPosition = afterCommit === undefined ? START : { commit: afterCommit, prepare: afterCommit };
      // Forward reads include their start position: one more for the event already delivered.
      const pageSize = Math.min(this.batchSize, remaining + (afterCommit === undefined ? 0 : 1));
      const page = await this.readAllPage(from, FORWARDS, Math.max(pageSize, 2));
      let last: bigint | undefined;
      for (const resolved of page) {
        const event = resolved.event;
        if (!event) continue;
        if (afterCommit !== undefined && event.position.commit <= afterCommit) continue;
        last = event.position.commit;
        if (isSystemEvent(event)) continue;
        yield event;
        remaining -= 1;
        if (remaining <= 0) return;
      }
      if (page.length < Math.max(pageSize, 2) || last === undefined) return;
      afterCommit = last;
    }
  }

  private async readAllPage(from: ReadPosition, direction: typeof FORWARDS | typeof BACKWARDS, maxCount = this.batchSize) {
    const page = [];
    for await (const item of boundedRead(this.client.readAll({ fromPosition: from, direction, maxCount }), this.readTimeoutMs, 'readAll')) page.push(item);
    return page;
  }
}

/** Events between fromRevision and toRevision inclusive, when both ends are known; else unbounded. */
export function spanToRevision(options: ReadStreamOptions, backward: boolean): number {
  if (options.toRevision === undefined) return Number.MAX_SAFE_INTEGER;
  if (backward) return options.fromRevision === undefined ? Number.MAX_SAFE_INTEGER : Math.max(0, options.fromRevision - options.toRevision + 1);
  return Math.max(0, options.toRevision - (options.fromRevision ?? 0) + 1);
}
