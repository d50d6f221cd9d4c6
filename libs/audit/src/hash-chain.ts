import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedContent {
  type: string;
  data: unknown;
  /** Metadata as stored, including prevHash; `hash` itself is left out of the hash. */
  metadata: Record<string, unknown>;
}

/** SHA-256 over canonical JSON of (type, data, metadata without hash, prevHash). */
export function eventHash(event: ChainedContent): string {
  const { hash: _ignored, ...metadata } = event.metadata;
  const prevHash = typeof metadata.prevHash === 'string' ? metadata.prevHash : GENESIS_HASH;
  return createHash('sha256').update(canonicalJson({ type: event.type, data: event.data, metadata, prevHash })).digest('hex');
}

/** Adds prevHash and hash to each event's metadata, continuing the chain from `prevHash`. */
export type Chained<T extends ChainedContent> = T & { metadata: T['metadata'] & { prevHash: string; hash: string } };

export function chainEvents<T extends ChainedContent>(events: T[], prevHash: string): Array<Chained<T>> {
  let previous = prevHash;
  return events.map((event) => {
    const metadata = { ...event.metadata, prevHash: previous };
    const hash = eventHash({ type: event.type, data: event.data, metadata });
    previous = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}

export interface ChainVerification {
  valid: boolean;
  events: number;
  headHash: string;
  firstInvalidRevision?: number;
}

/**
 * Replays the chain over a stream read in revision order. A changed event breaks its own hash;
 * a removed or reordered one breaks the next event's link (or shows as a revision gap).
 */
export async function verifyChain(
  events: AsyncIterable<ChainedContent & { revision: number }> | Iterable<ChainedContent & { revision: number }>,
): Promise<ChainVerification> {
  let previous = GENESIS_HASH;
  let count = 0;
  for await (const event of events) {
    const broken =
      event.revision !== count ||
      event.metadata.prevHash !== previous ||
      event.metadata.hash !== eventHash(event);
    if (broken) return { valid: false, events: count, headHash: previous, firstInvalidRevision: count };
    previous = event.metadata.hash as string;
    count += 1;
  }
  return { valid: true, events: count, headHash: previous };
}
