import type { Pool, PoolClient } from 'pg';

/** Runner states as stored; `standby` and `stopped` are written only by the instance that held the lock. */
export type ProjectionState = 'idle' | 'catching_up' | 'running' | 'failed' | 'rebuilding' | 'stopped' | 'standby';

export interface Checkpoint {
  name: string;
  version: number;
  /** Opaque store position of the last applied event; null before the first. */
  position: string | null;
  state: ProjectionState;
  lastError: string | null;
  failedPosition: string | null;
  eventsApplied: number;
  /** Events/s over the runner's recent window, as of updatedAt. */
  throughput: number;
  updatedAt: Date;
}

interface CheckpointRow {
  name: string;
  version: number;
  position: string | null;
  state: ProjectionState;
  last_error: string | null;
  failed_position: string | null;
  events_applied: string;
  throughput: number;
  updated_at: Date;
}

const COLUMNS = 'name, version, position, state, last_error, failed_position, events_applied::text AS events_applied, throughput, updated_at';

/** The public table every projection's checkpoint lives in (projectionRuntimeMigrations creates it). */
export const CHECKPOINT_TABLE_SQL = `
  -- One row per projection. A batch of events and the new position commit in one transaction,
  -- and every batch first locks this row (FOR UPDATE): the fence that serialises runners and
  -- rebuild swaps across processes.
  CREATE TABLE projection_checkpoints (
    name text PRIMARY KEY,
    version integer NOT NULL,
    -- Opaque event-store position (never parsed here), null before the first event.
    position text,
    state text NOT NULL DEFAULT 'idle',
    last_error text,
    failed_position text,
    events_applied bigint NOT NULL DEFAULT 0,
    throughput double precision NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
`;

type Queryable = Pick<Pool | PoolClient, 'query'>;

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    name: row.name,
    version: row.version,
    position: row.position,
    state: row.state,
    lastError: row.last_error,
    failedPosition: row.failed_position,
    eventsApplied: Number(row.events_applied),
    throughput: row.throughput,
    updatedAt: row.updated_at,
  };
}

export async function readCheckpoint(db: Queryable, name: string): Promise<Checkpoint | null> {
  const { rows } = await db.query<CheckpointRow>(`SELECT ${COLUMNS} FROM projection_checkpoints WHERE name = $1`, [name]);
  return rows.length ? toCheckpoint(rows[0]) : null;
}

export async function readCheckpoints(db: Queryable): Promise<Checkpoint[]> {
  const { rows } = await db.query<CheckpointRow>(`SELECT ${COLUMNS} FROM projection_checkpoints ORDER BY name`);
  return rows.map(toCheckpoint);
}

/** Creates the row of a projection the migrations did not know (registered later); no-op otherwise. */
export async function ensureCheckpoint(db: Queryable, name: string, version: number): Promise<void> {
  await db.query('INSERT INTO projection_checkpoints (name, version) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, version]);
}

/**
 * Inside a batch transaction: locks the row and answers its position. The caller applies only
 * if that is the position it read from; otherwise someone else (a rebuild swap, another
 * instance) moved it and the batch is stale.
 */
export async function lockCheckpoint(client: PoolClient, name: string): Promise<{ position: string | null; version: number }> {
  const { rows } = await client.query<{ position: string | null; version: number }>(
    'SELECT position, version FROM projection_checkpoints WHERE name = $1 FOR UPDATE',
    [name],
  );
  if (!rows.length) throw new Error(`No checkpoint row for projection ${name}: are projectionMigrations() applied?`);
  return rows[0];
}

/**
 * First statement of a batch's transaction: moves the checkpoint to the batch's last position
 * only if it is still at `from` and `version`, and keeps the row locked until COMMIT. This is
 * the fence of lockCheckpoint and the advance in one round trip: a concurrent holder of the row
 * (a rebuild's swap, another instance) is waited for, then the WHERE is checked again on its
 * version of the row. false: fenced, nothing changed.
 */
export async function advanceCheckpointFrom(
  client: PoolClient,
  name: string,
  fence: { from: string | null; version: number },
  update: { position: string; applied: number; state: ProjectionState; throughput: number },
): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE projection_checkpoints
     SET position = $2, events_applied = events_applied + $3, state = $4, throughput = $5,
         last_error = NULL, failed_position = NULL, updated_at = now()
     WHERE name = $1 AND position IS NOT DISTINCT FROM $6::text AND version = $7`,
    [name, update.position, update.applied, update.state, update.throughput, fence.from, fence.version],
  );
  if (rowCount === 1) return true;
  await lockCheckpoint(client, name); // throws when the row itself is missing
  return false;
}

/** Outside any batch (the batch rolled back): what /health shows until a retry succeeds. */
export async function markFailed(db: Queryable, name: string, error: string, failedPosition: string | null): Promise<void> {
  await db.query(
    `UPDATE projection_checkpoints SET state = 'failed', last_error = $2, failed_position = $3, throughput = 0, updated_at = now()
     WHERE name = $1`,
    [name, error.slice(0, 2000), failedPosition],
  );
}

export async function setState(db: Queryable, name: string, state: ProjectionState): Promise<void> {
  await db.query(
    // Caught up (running) means nothing is failing any more.
    `UPDATE projection_checkpoints
     SET state = $2::text,
         throughput = CASE WHEN $2::text IN ('running', 'catching_up') THEN throughput ELSE 0 END,
         last_error = CASE WHEN $2::text = 'running' THEN NULL ELSE last_error END,
         failed_position = CASE WHEN $2::text = 'running' THEN NULL ELSE failed_position END,
         updated_at = now()
     WHERE name = $1`,
    [name, state],
  );
}

/** In the rebuild's swap transaction: the new tables' position replaces the old one. */
export async function replaceCheckpoint(
  client: PoolClient,
  name: string,
  replacement: { position: string | null; version: number; eventsApplied: number },
): Promise<void> {
  await client.query(
    `UPDATE projection_checkpoints
     SET position = $2, version = $3, events_applied = $4, last_error = NULL, failed_position = NULL,
         -- The new tables are whole up to $2; a stopped projector stays shown as stopped.
         state = CASE WHEN state IN ('failed', 'rebuilding', 'idle') THEN 'running' ELSE state END,
         throughput = 0, updated_at = now()
     WHERE name = $1`,
    [name, replacement.position, replacement.version, replacement.eventsApplied],
  );
}
