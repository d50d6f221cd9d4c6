import type { RecordedEvent as EsdbRecordedEvent, Position } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { formatEsdbPosition, knownPosition } from './position';

/** System streams and events ($-prefixed: stats, settings, projections, metadata) are not ours. */
export function isSystemEvent(event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

export function toRecordedEvent(event: EsdbRecordedEvent, fallbackPosition?: Position): RecordedEvent {
  const position = knownPosition(event.position) ?? fallbackPosition;
  return {
    eventId: event.id,
    streamId: event.streamId,
    type: event.type,
    revision: Number(event.revision),
    // Empty only for stream reads on a server older than 22.6, which reports no log position there.
    position: position ? formatEsdbPosition(position) : '',
    recordedAt: event.created,
    data: asObject(event.isJson ? event.data : decode(event.data as Uint8Array)),
    metadata: asObject(event.metadata instanceof Uint8Array ? decode(event.metadata) : event.metadata),
  };
}

function decode(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return { base64: Buffer.from(bytes).toString('base64') };
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : value === undefined ? {} : { value };
}
