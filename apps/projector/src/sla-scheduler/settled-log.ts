/**
 * "Everything committed before now is readable." The PostgreSQL event store hands readers only
 * events below the oldest running transaction (the gap rule), so right after a command its event
 * can be committed yet missing from headPosition() while some older transaction (a projection's
 * batch, another append) is still open. Waiting until every transaction that had an id when we
 * asked has ended makes the head include every event committed before the call.
 * With EventStoreDB the wait is harmless (its head is immediate; this only waits for PostgreSQL).
 */
import type { Pool } from 'pg';

const POLL_MS = 10;

/** True once settled; false after `timeoutMs` (a long transaction elsewhere): the caller goes on with what is readable. */
export async function waitForSettledLog(pool: Pool, timeoutMs: number): Promise<boolean> {
  const { rows } = await pool.query<{ horizon: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS horizon');
  const horizon = rows[0].horizon;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows: check } = await pool.query<{ settled: boolean }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS settled', [horizon]);
    if (check[0].settled) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
