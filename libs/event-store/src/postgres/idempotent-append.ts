import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port';
import { formatPosition } from './position';

export interface StoredIdRow {
  event_id: string;
  stream_revision: string;
  transaction_id: string;
  global_position: string;
}

/**
 * Was this exact append already made? True when every event id is in the stream, in the given
 * order at consecutive revisions, starting where the expected revision puts the first one
 * (anywhere for `any`). Then the answer is the first append's, and nothing is written.
 * Ids present in any other arrangement are not a retry: the caller gets a conflict.
 */
export function findEarlierAppend(events: NewEvent[], expected: ExpectedRevision, stored: StoredIdRow[]): AppendResult | null {
  const byId = new Map(stored.map((row) => [row.event_id.toLowerCase(), row]));
  const rows = events.map((e) => byId.get(e.eventId.toLowerCase()));
  if (rows.some((row) => row === undefined)) return null;
  const found = rows as StoredIdRow[];
  const first = Number(found[0].stream_revision);
  const expectedFirst = expected === 'any' ? first : expected === 'no_stream' ? 0 : expected + 1;
  if (first !== expectedFirst) return null;
  if (found.some((row, i) => Number(row.stream_revision) !== first + i)) return null;
  const last = found[found.length - 1];
  return { revision: Number(last.stream_revision), position: formatPosition(last.transaction_id, last.global_position) };
}
