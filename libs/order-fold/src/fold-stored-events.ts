/**
 * The one fold over stored events, used by the write path, the projections and the auditors'
 * state-at: every reader sees an order through the same upcasters and the same evolve.
 */
import type { RecordedEvent } from '@app/event-store';
import { orderDecider, upcastOrderEvent, type EventMeta, type OrderEvent, type OrderState } from '@app/ordering';
import { assertOpened } from '@app/privacy';

/** One event applied: the state before and after it (what the timer rules compare). */
export interface FoldStep {
  before: OrderState;
  after: OrderState;
  event: OrderEvent;
  meta: EventMeta;
}

export interface FoldOptions {
  /** Called for every event applied, in order. */
  onStep?: (step: FoldStep) => void;
  /** Names the reader in the error a gap raises (e.g. the projection). */
  reader?: string;
}

/** A stored event in today's schema (old versions upcast). */
export function toDomainEvent(recorded: RecordedEvent): OrderEvent {
  const version = typeof recorded.metadata.schemaVersion === 'number' ? recorded.metadata.schemaVersion : 1;
  return upcastOrderEvent(recorded.type, recorded.data, version);
}

/** Business time of a stored event: its metadata's occurredAt, else when the store recorded it. */
export function occurredAtOf(recorded: RecordedEvent): string {
  return typeof recorded.metadata.occurredAt === 'string' ? recorded.metadata.occurredAt : recorded.recordedAt.toISOString();
}

/**
 * Continues an order's fold from `from` over its stored events, in revision order:
 * - events at or below `from.revision` are already in (a replayed batch) and are skipped;
 * - a gap in revisions means an event is missing, which must stop the reader, never be papered over;
 * - an event still sealed was read from the raw store: folding it would put ciphertext where
 *   plaintext or "[erased]" belongs, so it fails loudly (assertOpened);
 * - the rest is upcast and applied with the domain's evolve.
 * Answers `from` itself when nothing was new.
 */
export function foldStoredEvents(from: OrderState, events: Iterable<RecordedEvent>, options: FoldOptions = {}): OrderState {
  let state = from;
  for (const recorded of events) {
    if (recorded.revision <= state.revision) continue;
    if (recorded.revision !== state.revision + 1) {
      const reader = options.reader ? `${options.reader}: ` : '';
      throw new Error(`${reader}${recorded.streamId} is at revision ${state.revision} but the next event read is revision ${recorded.revision}`);
    }
    assertOpened(recorded);
    const event = toDomainEvent(recorded);
    const meta: EventMeta = { occurredAt: occurredAtOf(recorded), revision: recorded.revision };
    const after = orderDecider.evolve(state, event, meta);
    options.onStep?.({ before: state, after, event, meta });
    state = after;
  }
  return state;
}

/** The fold of a whole history from the start. */
export function foldHistory(events: Iterable<RecordedEvent>): OrderState {
  return foldStoredEvents(orderDecider.initialState, events);
}
