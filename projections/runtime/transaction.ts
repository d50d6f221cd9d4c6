import type { Pool, PoolClient } from 'pg';

export interface TransactionOptions {
  /** synchronous_commit off for this transaction only: for work that is replayed if lost. */
  asynchronousCommit?: boolean;
}

// One round trip either way: several statements in one simple-protocol query.
const BEGIN_ASYNC = 'BEGIN; SET LOCAL synchronous_commit TO off';

/** BEGIN → work → COMMIT on one pooled client; ROLLBACK and rethrow on any error. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(options.asynchronousCommit ? BEGIN_ASYNC : 'BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is not handed to the pool's next user.
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    }
  } finally {
    client.release(broken);
  }
}
