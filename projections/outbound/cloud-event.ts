import type { RecordedEvent } from '@app/event-store';
import { orderIdFromStream } from '@app/event-store';
import { mapPersonalLeaves } from '@app/privacy';
import { ORDER_SOURCE } from './subscription';

/** CloudEvents 1.0, structured mode (JSON), as every sink sends it. */
export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  /** The event's revision in its order (0-based), as a string: CloudEvents' sequence extension. */
  sequence: string;
  /** The event's place in the global log (opaque): what replay { fromPosition } takes. */
  position: string;
  data: Record<string, unknown>;
}

/** What a subscription without `personalData` receives in place of each personal value. */
export const WITHHELD = '[withheld]';

/**
 * The message for one stored event, read through the decrypting store (personal values in
 * clear, "[erased]" after an erasure). Without `personalData` every personal path is withheld,
 * whatever it holds.
 */
export function cloudEventOf(event: RecordedEvent, personalData: boolean): CloudEvent {
  return {
    specversion: '1.0',
    id: event.eventId,
    source: ORDER_SOURCE,
    type: event.type,
    subject: orderIdFromStream(event.streamId) ?? event.streamId,
    time: occurredAt(event),
    datacontenttype: 'application/json',
    sequence: String(event.revision),
    position: event.position,
    data: personalData ? event.data : mapPersonalLeaves(event.type, event.data, () => WITHHELD),
  };
}

/** When the event happened (business time, from the clock that decided it). */
export function occurredAt(event: RecordedEvent): string {
  return typeof event.metadata.occurredAt === 'string' ? event.metadata.occurredAt : event.recordedAt.toISOString();
}
