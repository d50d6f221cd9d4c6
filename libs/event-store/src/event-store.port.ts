/**
 * The event store port. Adapters: postgres (default) and eventstoredb.
 * Revisions are 0-based per stream (the first event is revision 0).
 * Positions are opaque strings to callers; only the adapter that made one may compare it.
 */
export interface NewEvent {
  /** UUID. Re-appending the same ids at the same place is a no-op that answers as the first append. */
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface RecordedEvent {
  eventId: string;
  streamId: string;
  type: string;
  revision: number;
  position: string;
  recordedAt: Date;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** `no_stream`: the stream must not exist; `any`: no check; a number: the stream's current last revision. */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the last appended event. */
  revision: number;
  /** Position of the last appended event. */
  position: string;
}

export interface ReadStreamOptions {
  /** First revision read, inclusive. Default: 0 forward, the last one backward. */
  fromRevision?: number;
  /** Last revision read, inclusive. Default: the last one forward, 0 backward. */
  toRevision?: number;
  direction?: 'forward' | 'backward';
  /** At most this many events. */
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the first event. */
  after?: string;
  limit?: number;
}

export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  /** Ends the iteration (a pending `next()` answers done). Leaving a for-await loop closes it too. */
  close(): Promise<void>;
}

export interface EventStore {
  readonly name: 'postgres' | 'eventstoredb';
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Yields nothing when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** Global order; never skips an event that commits later than a reader's last read (see docs/architecture.md). */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Live: events after `after`, in global order, then new ones as they commit. */
  subscribeToAll(options?: { after?: string }): EventSubscription;
  /** Position of the newest readable event, or null when the store is empty. */
  headPosition(): Promise<string | null>;
  /**
   * Number of events readable after `position` (null: from the start), for lag reporting;
   * with `limit`, counting stops there (the answer is then `limit`: "at least").
   */
  countAfter(position: string | null, limit?: number): Promise<number>;
  /** Negative, zero or positive like a sort comparator. */
  comparePositions(a: string, b: string): number;
  /** Stream ids, for audit tools that verify every stream. */
  listStreams(prefix: string): AsyncIterable<string>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  readonly code = 'revision_conflict';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The store cannot be reached; callers answer 503 and nothing was written. */
export class EventStoreUnavailableError extends Error {
  readonly code: string = 'unavailable';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}

/**
 * The store refuses the service's own identity (wrong password, missing ACL): a configuration
 * fault, not an outage. Unavailable to callers (503) and a stated reason in /health and at start.
 */
export class EventStoreAccessDeniedError extends EventStoreUnavailableError {
  override readonly code = 'access_denied';
  constructor(message: string, cause?: unknown) {
    super(message, cause);
    this.name = 'EventStoreAccessDeniedError';
  }
}

/**
 * An append whose answer never came (a deadline passed while the server was committing) and
 * whose stream could not be read back to tell: its events may or may not be stored. A retry
 * with the same event ids is answered as the first append when it was stored.
 */
export class EventStoreOutcomeUnknownError extends Error {
  readonly code = 'outcome_unknown';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'EventStoreOutcomeUnknownError';
  }
}

/** The stream was deleted (EventStoreDB tombstone or soft delete): it can be neither read nor appended to. */
export class StreamDeletedError extends Error {
  readonly code = 'stream_deleted';
  constructor(readonly streamId: string, override readonly cause?: unknown) {
    super(`Stream ${streamId} was deleted`);
    this.name = 'StreamDeletedError';
  }
}

/** The store as readers see it (personal values decrypted, "[erased]" once erased): what every fold reads. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/**
 * The event store exactly as stored (personal data encrypted): for hash-chain verification and
 * privacy scans.
 */
export const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');
