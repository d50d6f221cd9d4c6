import type { RecordedEvent } from '@app/event-store';
import type { Pool } from 'pg';
import { advanceCheckpoint, lockCheckpoint, type ProjectionState } from './checkpoints';
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
 * One batch, all or nothing: BEGIN → lock the checkpoint row and check it → apply → write the
 * new position through the same client → COMMIT. A crash anywhere before COMMIT leaves both
 * the rows and the position as they were, so the batch is replayed and nothing is applied twice.
 */
export function commitBatch(pool: Pool, input: BatchInput): Promise<BatchOutcome> {
  return inTransaction(pool, async (client): Promise<BatchOutcome> => {
    const current = await lockCheckpoint(client, input.projection.name);
    if (current.position !== input.expected || current.version !== input.projection.version) return { kind: 'fenced' };
    await input.projection.apply(client, input.schema, input.events);
    const position = input.events[input.events.length - 1].position;
    await advanceCheckpoint(client, input.projection.name, {
      position,
      applied: input.events.length,
      state: input.state,
      throughput: input.throughput,
    });
    return { kind: 'committed', position };
  });
}
