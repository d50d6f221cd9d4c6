import type { RecordedEvent } from '../event-store.port';
import { formatPosition } from './position';

/**
 * The columns every read selects, in the shape `toRecordedEvent` expects. The aliases shadow the
 * column names in ORDER BY (text order!), so reads order by `events.<column>`.
 */
export const EVENT_COLUMNS = `global_position::text AS global_position, transaction_id::text AS transaction_id,
  stream_id, stream_revision::text AS stream_revision, event_id::text AS event_id, type, data, metadata, recorded_at`;

export interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_revision: string;
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    type: row.type,
    // A stream never nears 2^53 events; the global position stays a string inside `position`.
    revision: Number(row.stream_revision),
    position: formatPosition(row.transaction_id, row.global_position),
    recordedAt: row.recorded_at,
    data: row.data,
    metadata: row.metadata,
  };
}
