import { EventStoreOutcomeUnknownError, EventStoreUnavailableError, type AppendResult, type EventStore, type ExpectedRevision, type NewEvent, type RecordedEvent } from '../event-store.port';

/** How far back from the stream's end an `any` append's events are looked for. */
const ANY_READ_BACK_EVENTS = 1000;

/**
 * After an append whose answer never came: reads the stream back for the append's events. An
 * append is atomic, so its events are either all there (answer as its success) or none are
 * (unavailable: nothing written). When even the read fails the outcome is unknown.
 */
export async function resolveUnconfirmedAppend(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  events: NewEvent[],
  expected: ExpectedRevision,
  cause: Error,
): Promise<AppendResult> {
  let stored: RecordedEvent | null;
  try {
    stored = await findLastAppended(store, streamId, events, expected);
  } catch (readError) {
    throw new EventStoreOutcomeUnknownError(
      `EventStoreDB did not confirm the append to ${streamId} (${cause.message}) and the stream could not be read back ` +
        `(${(readError as Error).message}): its events may or may not be stored`,
      cause,
    );
  }
  if (!stored) throw new EventStoreUnavailableError(`EventStoreDB did not confirm the append to ${streamId} (${cause.message}); read back, none of its events is stored`, cause);
  return { revision: stored.revision, position: stored.position };
}

/** The append's last event as stored, or null when the stream does not hold the append. */
async function findLastAppended(store: Pick<EventStore, 'readStream'>, streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<RecordedEvent | null> {
  const ids = events.map((e) => e.eventId);
  if (expected === 'any') {
    for await (const event of store.readStream(streamId, { direction: 'backward', maxCount: ANY_READ_BACK_EVENTS })) {
      if (event.eventId === ids[ids.length - 1]) return event;
    }
    return null;
  }
  // With an expected revision the server can only have written them right after it.
  const first = expected === 'no_stream' ? 0 : expected + 1;
  const found: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId, { fromRevision: first, maxCount: ids.length })) found.push(event);
  const all = found.length === ids.length && found.every((event, i) => event.eventId === ids[i]);
  return all ? found[found.length - 1] : null;
}
