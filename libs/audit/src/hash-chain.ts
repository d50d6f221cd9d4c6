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

/** What one signed checkpoint says about a stream: its head revision and hash then. */
export interface CheckpointAnchor {
  sequence: number;
  revision: number;
  hash: string;
  createdAt: string;
  position: string;
  keyId: string;
  /** The checkpoint's signature does not check out: its row was altered or made up. */
  forged?: boolean;
}

/**
 * - confirmed: the recomputed chain has the signed hash at every checkpointed revision reached;
 * - contradicted: it does not, or the stream ends before a checkpointed revision (rewritten or cut);
 * - forged: a checkpoint naming this stream fails its signature;
 * - none: no checkpoint names this stream yet (all its events are newer than the last one);
 * - disabled: no signing key is configured, nothing could be checked.
 */
export type CheckpointStatus = 'confirmed' | 'contradicted' | 'forged' | 'none' | 'disabled';

export interface AnchoredVerification extends ChainVerification {
  checkpointStatus: CheckpointStatus;
  /** The latest signed checkpoint used: the one that covers the most events, or the one that contradicts. */
  checkpoint: Omit<CheckpointAnchor, 'forged'> | null;
  /** Events covered by a checked signature (0 to events): the rest are protected by the chain alone. */
  signedEvents: number;
}

type Verifiable = ChainedContent & { revision: number };

/**
 * Replays the chain over a stream read in revision order. A changed event breaks its own hash;
 * a removed or reordered one breaks the next event's link (or shows as a revision gap).
 */
export async function verifyChain(events: AsyncIterable<Verifiable> | Iterable<Verifiable>): Promise<ChainVerification> {
  const { checkpointStatus: _s, checkpoint: _c, signedEvents: _n, ...chain } = await verifyChainAgainst(events, null);
  return chain;
}

/**
 * verifyChain, and at each revision a signed checkpoint names, the recomputed hash must be the
 * signed one. A rewritten history with every hash recomputed is self-consistent, so only this
 * catches it: the answer then says the history is valid only up to the last checkpoint that still
 * matches (firstInvalidRevision is the first revision after it). `anchors` sorted by revision;
 * null when no key is configured.
 */
export async function verifyChainAgainst(
  events: AsyncIterable<Verifiable> | Iterable<Verifiable>,
  anchors: readonly CheckpointAnchor[] | null,
): Promise<AnchoredVerification> {
  const pending = anchors ?? [];
  let next = 0;
  let matched: CheckpointAnchor | null = null;
  const result = (status: CheckpointStatus, rest: ChainVerification, used: CheckpointAnchor | null = matched): AnchoredVerification => ({
    ...rest,
    checkpointStatus: anchors === null ? 'disabled' : status,
    checkpoint: used && !used.forged ? withoutFlag(used) : null,
    signedEvents: matched ? matched.revision + 1 : 0,
  });
  /** The history holds only up to the last matching checkpoint. */
  const refuted = (status: CheckpointStatus, anchor: CheckpointAnchor) => {
    const events = matched ? matched.revision + 1 : 0;
    return result(status, { valid: false, events, headHash: matched?.hash ?? GENESIS_HASH, firstInvalidRevision: events }, anchor.forged ? matched : anchor);
  };
  let previous = GENESIS_HASH;
  let count = 0;
  for await (const event of events) {
    const broken =
      event.revision !== count ||
      event.metadata.prevHash !== previous ||
      event.metadata.hash !== eventHash(event);
    if (broken) return result(matched ? 'confirmed' : 'none', { valid: false, events: count, headHash: previous, firstInvalidRevision: count });
    previous = event.metadata.hash as string;
    for (; next < pending.length && pending[next].revision <= count; next += 1) {
      const anchor = pending[next];
      if (anchor.forged) return refuted('forged', anchor);
      if (anchor.revision < count) continue; // a revision already passed (an index row out of order): nothing to compare
      if (anchor.hash !== previous) return refuted('contradicted', anchor);
      matched = anchor;
    }
    count += 1;
  }
  // A checkpoint beyond the head: events it signed are gone (a cut tail).
  if (next < pending.length) return refuted(pending[next].forged ? 'forged' : 'contradicted', pending[next]);
  return result(matched ? 'confirmed' : 'none', { valid: true, events: count, headHash: previous });
}

function withoutFlag({ forged: _f, ...anchor }: CheckpointAnchor): Omit<CheckpointAnchor, 'forged'> {
  return anchor;
}
