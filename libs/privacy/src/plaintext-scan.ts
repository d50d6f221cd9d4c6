import type { EventStore } from '@app/event-store';
import { hasPlaintextPersonalData } from './event-data';

export interface PlaintextScan {
  events: number;
  /** Events holding a personal value in plaintext (written before encryption existed). */
  plaintextEvents: number;
  /** Their streams, with the customer each order belongs to (ids only). */
  plaintextStreams: Map<string, string | null>;
}

/**
 * Reads every stored event (the raw store: what is on disk, not what readers see) and finds
 * the personal values still in plaintext. Events are immutable, so these are what erasure
 * cannot reach; operators see how many remain (npm run privacy:migrate).
 */
export async function scanForPlaintext(store: EventStore, onProgress?: (events: number) => void): Promise<PlaintextScan> {
  const scan: PlaintextScan = { events: 0, plaintextEvents: 0, plaintextStreams: new Map() };
  for await (const event of store.readAll()) {
    scan.events += 1;
    if (onProgress && scan.events % 10_000 === 0) onProgress(scan.events);
    if (!hasPlaintextPersonalData(event.type, event.data)) continue;
    scan.plaintextEvents += 1;
    if (!scan.plaintextStreams.has(event.streamId) || event.type === 'OrderPlaced') {
      scan.plaintextStreams.set(event.streamId, customerOf(event.type, event.data));
    }
  }
  // A stream whose OrderPlaced held nothing personal (a complaint came later): ask its first event.
  for (const [streamId, customerId] of scan.plaintextStreams) {
    if (customerId !== null) continue;
    for await (const first of store.readStream(streamId, { maxCount: 1 })) {
      scan.plaintextStreams.set(streamId, customerOf(first.type, first.data));
    }
  }
  return scan;
}

function customerOf(type: string, data: Record<string, unknown>): string | null {
  if (type !== 'OrderPlaced') return null;
  const id = (data.customer as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : null;
}
