import { checkpointDigest, openCheckpoint, type SignedCheckpoint } from './checkpoint';
import type { CheckpointStore } from './checkpoint-store';
import type { AuditSigningKey } from './signing-key';

const PAGE = 100;

export interface CheckpointLogResult {
  checkpoints: number;
  problems: number;
}

/**
 * Reads every checkpoint in sequence order and checks what verifying one order cannot: each
 * signature, the numbering without gaps, each checkpoint's link to the one before (a checkpoint
 * removed from the middle shows), and the unsigned index against the signed bodies (an index row
 * removed to hide an order from its checkpoints shows).
 */
export async function checkCheckpointLog(
  store: CheckpointStore,
  key: AuditSigningKey,
  on: { checkpoint: (c: SignedCheckpoint) => Promise<void>; problem: (sequence: number, problem: string) => void },
): Promise<CheckpointLogResult> {
  let checkpoints = 0;
  let problems = 0;
  const problem = (sequence: number, text: string) => {
    problems += 1;
    on.problem(sequence, text);
  };
  let previous: SignedCheckpoint | null = null;
  for (let page = await store.list(0, PAGE); page.length; page = await store.list(page[page.length - 1].sequence, PAGE)) {
    for (const checkpoint of page) {
      checkpoints += 1;
      await on.checkpoint(checkpoint);
      const expected = (previous?.sequence ?? 0) + 1;
      if (checkpoint.sequence !== expected) problem(checkpoint.sequence, `checkpoints ${expected} to ${checkpoint.sequence - 1} are missing`);
      const body = openCheckpoint(checkpoint, key);
      if (!body) {
        problem(checkpoint.sequence, 'the signature does not check out: altered or not signed by this key');
      } else {
        const link = previous ? checkpointDigest(previous.body) : null;
        if (checkpoint.sequence === expected && body.previous !== link) problem(checkpoint.sequence, 'its link to the previous checkpoint is broken');
        const indexed = await store.indexed(checkpoint.sequence);
        for (const [streamId, head] of Object.entries(body.streams)) {
          if (indexed.get(streamId) !== head.revision) problem(checkpoint.sequence, `the index lost or changed ${streamId}`);
        }
      }
      previous = checkpoint;
    }
  }
  return { checkpoints, problems };
}
