import type { ExpectedRevision, NewEvent } from './event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Programming errors caught before any I/O, the same way on every adapter: an empty append
 * (nothing to answer a revision for), an id that is not a UUID, an id twice in one append
 * (it could never be stored, and a retry could never be recognised), a bad expected revision.
 */
export function assertAppendable(streamId: string, events: NewEvent[], expected: ExpectedRevision): void {
  if (!streamId) throw new TypeError('append: the stream id is empty');
  if (events.length === 0) throw new RangeError(`append to ${streamId}: no events`);
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`append to ${streamId}: expected revision ${expected} is not a revision`);
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.eventId)) throw new TypeError(`append to ${streamId}: event id ${JSON.stringify(event.eventId)} is not a UUID`);
    const id = event.eventId.toLowerCase();
    if (ids.has(id)) throw new RangeError(`append to ${streamId}: event id ${id} appears twice`);
    ids.add(id);
  }
}
