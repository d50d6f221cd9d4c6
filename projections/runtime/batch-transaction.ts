import type { RecordedEvent } from '@app/event-store';
import type { Pool } from 'pg';
import { advanceCheckpointFrom, type ProjectionState } from './checkpoints';
import type { Projection } from './projection';
import { inTransaction } from './transaction';

export type BatchOutcome =
  | { kind: 'committed'; position: string }
  /**
   * The checkpoint is not where this runner read from, or holds another version (a rebuild
   * swapped, another instance wrote): nothing applied; re-read the checkpoint and resume.
   */
  | { kind: 'fenced' };

export interface BatchInput {
  projection: Projection;
  schema: string;
  /** Where the runner read `events` from: the checkpoint must still say so. */
  expected: string | null;
  events: RecordedEvent[];
  state: ProjectionState;
  throughput: number;
}

/**
 * One batch, all or nothing: BEGIN → move the checkpoint from where the runner read to the
 * batch's last position, if it is still there (the row stays locked) → apply → COMMIT. A crash
 * anywhere before COMMIT leaves both the rows and the position as they were, so the batch is
 * replayed and nothing is applied twice.
 * Committed asynchronously: a read model is derived data, and a crash can lose only its latest
 * batches together with their checkpoint (one transaction), which are then applied again; the
 * WAL flush per batch is saved (docs/projections.md).
 */
export function commitBatch(pool: Pool, input: BatchInput): Promise<BatchOutcome> {
  return inTransaction(pool, async (client): Promise<BatchOutcome> => {
    const position = input.events[input.events.length - 1].position;
    const moved = await advanceCheckpointFrom(client, input.projection.name, { from: input.expected, version: input.projection.version }, {
      position,
      applied: input.events.length,
      state: input.state,
      throughput: input.throughput,
    });
    if (!moved) return { kind: 'fenced' };
    await input.projection.apply(client, input.schema, input.events);
    return { kind: 'committed', position };
  }, { asynchronousCommit: true });
}
