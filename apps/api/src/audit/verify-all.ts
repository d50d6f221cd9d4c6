import { verifyChainAgainst, type ChainVerification } from '@app/audit';
import { ORDER_STREAM_PREFIX, orderIdFromStream, type EventStore } from '@app/event-store';
import type { CheckpointAnchors } from './order-audit';

export interface BrokenStream {
  streamId: string;
  orderId: string;
  verification: ChainVerification;
  /** Why, in words: where the chain breaks, or that the stream has lost every event. */
  reason: string;
}

export interface VerifyAllOptions {
  /** Streams verified at once (each one a sequential read of its pages). */
  concurrency?: number;
  /** The signed checkpoints each chain is checked against; absent: the chains alone. */
  checkpoints?: CheckpointAnchors;
  onBroken?: (broken: BrokenStream) => void;
  /** After each stream, with the running totals. */
  onStream?: (totals: { streams: number; events: number }) => void;
}

export interface VerifyAllResult {
  streams: number;
  events: number;
  broken: BrokenStream[];
}

/**
 * Verifies the chain of every order stream the store lists. Pass the stored form (not a
 * decrypting view): the hashes were computed over it. A stream the store lists but that has no
 * event left is broken too: its events were deleted, which the chain alone cannot show.
 */
export async function verifyAllOrders(store: EventStore, options: VerifyAllOptions = {}): Promise<VerifyAllResult> {
  const result: VerifyAllResult = { streams: 0, events: 0, broken: [] };
  const streams = store.listStreams(ORDER_STREAM_PREFIX)[Symbol.asyncIterator]();
  let failed = false;
  const worker = async () => {
    // Async generators queue concurrent next() calls, so workers share one listing safely.
    while (!failed) {
      const next = await streams.next();
      if (next.done) return;
      const streamId = next.value;
      const anchors = (await options.checkpoints?.anchorsFor(streamId)) ?? null;
      const verification = await verifyChainAgainst(store.readStream(streamId), anchors);
      result.streams += 1;
      result.events += verification.events;
      const reason = brokenReason(verification);
      if (reason) {
        const broken = { streamId, orderId: orderIdFromStream(streamId) ?? streamId, verification, reason };
        result.broken.push(broken);
        options.onBroken?.(broken);
      }
      options.onStream?.({ streams: result.streams, events: result.events });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  } catch (error) {
    failed = true;
    throw error;
  }
  return result;
}

function brokenReason(v: ChainVerification & { checkpointStatus?: string }): string | null {
  if (v.checkpointStatus === 'contradicted' || v.checkpointStatus === 'forged') {
    return `${v.checkpointStatus === 'forged' ? 'a forged checkpoint' : 'contradicted by a signed checkpoint'}: valid only up to revision ${(v.firstInvalidRevision ?? 1) - 1}`;
  }
  if (!v.valid) return `first invalid revision ${v.firstInvalidRevision} (${v.events} events verified before it)`;
  if (v.events === 0) return 'listed but has no events left';
  return null;
}
