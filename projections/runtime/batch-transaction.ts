import type { RecordedEvent } from '@app/event-store';
import type { Pool, PoolClient } from 'pg';
import { advanceCheckpoint, lockCheckpoint, type ProjectionState } from './checkpoints';
import type { Projection } from './projection';

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
export async function commitBatch(pool: Pool, input: BatchInput): Promise<BatchOutcome> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      const current = await lockCheckpoint(client, input.projection.name);
      if (current.position !== input.expected || current.version !== input.projection.version) {
        await client.query('ROLLBACK');
        return { kind: 'fenced' };
      }
      await input.projection.apply(client, input.schema, input.events);
      const position = input.events[input.events.length - 1].position;
      await advanceCheckpoint(client, input.projection.name, {
        position,
        applied: input.events.length,
        state: input.state,
        throughput: input.throughput,
      });
      await client.query('COMMIT');
      return { kind: 'committed', position };
    } catch (error) {
      await rollback(client).catch((e: Error) => (broken = e));
      throw error;
    }
  } finally {
    // A connection that could not even roll back is not handed to the next user of the pool.
    client.release(broken);
  }
}

async function rollback(client: PoolClient): Promise<void> {
  await client.query('ROLLBACK');
}
