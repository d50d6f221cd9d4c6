import type { RecordedEvent } from '@app/event-store';
import { upcastOrderEvent, type OrderEventUpcaster } from '@app/ordering';

/** One event as auditors see it (docs/http-api.md "Audit"). */
export interface AuditedEvent {
  eventId: string;
  type: string;
  revision: number;
  position: string;
  recordedAt: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export type EventPresenter = (recorded: RecordedEvent) => AuditedEvent;

/** Events written before schemaVersion was recorded are version 1, as the write side reads them. */
export function storedSchemaVersion(recorded: RecordedEvent): number {
  return typeof recorded.metadata.schemaVersion === 'number' ? recorded.metadata.schemaVersion : 1;
}

/**
 * Data in today's shape (the same upcasters the fold uses), so an auditor reads one shape per
 * type whatever year the event was written; metadata exactly as stored, so `schemaVersion` still
 * says which shape was written (and the hash, over the stored form, stays checkable by /verify).
 * The upcaster is a parameter so a test can present a made-up old version.
 */
export function createEventPresenter(upcast: OrderEventUpcaster = upcastOrderEvent): EventPresenter {
  return (recorded) => ({
    eventId: recorded.eventId,
    type: recorded.type,
    revision: recorded.revision,
    position: recorded.position,
    recordedAt: recorded.recordedAt.toISOString(),
    data: upcast(recorded.type, recorded.data, storedSchemaVersion(recorded)).data,
    metadata: recorded.metadata,
  });
}

export const presentEvent: EventPresenter = createEventPresenter();
