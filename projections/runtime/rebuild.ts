import type { EventStore, RecordedEvent } from '@app/event-store';
import type { Pool, PoolClient } from 'pg';
import { AdvisoryLock, rebuildLockKey } from './advisory-lock';
import { ensureCheckpoint, lockCheckpoint, replaceCheckpoint } from './checkpoints';
import type { Projection } from './projection';
import { PageReader } from './page-reader';
import { readPage } from './read-page';
import { quoteIdent, schemasOf } from './schema-names';
import { inTransaction } from './transaction';

export interface RebuildProgress {
  phase: 'folding' | 'swapping' | 'done';
  /** Events applied to the new tables so far. */
  events: number;
  eventsPerSecond: number;
  position: string | null;
}

export interface RebuildResult {
  name: string;
  version: number;
  events: number;
  /** The position the new tables (and the checkpoint) stand at after the swap. */
  position: string | null;
  durationMs: number;
  eventsPerSecond: number;
}

export interface RebuildOptions {
  batchSize: number;
  onProgress?: (progress: RebuildProgress) => void;
}

/** Another rebuild of the same projection holds its rebuild lock (any process). */
export class RebuildInProgressError extends Error {
  readonly code = 'rebuild_in_progress';
  constructor(readonly projection: string) {
    super(`A rebuild of projection ${projection} is already running.`);
    this.name = 'RebuildInProgressError';
  }
}

/**
 * Builds the projection from the first event in `<schema>__rebuild` while the live schema keeps
 * answering, then, in one transaction holding the checkpoint row lock (which every batch of the
 * live runner takes first, in whatever process), applies the remainder and swaps the schemas by
 * renaming, together with the checkpoint. Readers see the old model until that commit and the
 * complete new one after it; the live runner finds the checkpoint moved and resumes from it.
 */
export async function rebuildProjection(pool: Pool, store: EventStore, projection: Projection, options: RebuildOptions): Promise<RebuildResult> {
  const lock = new AdvisoryLock(pool.options, rebuildLockKey(projection.name));
  try {
    if (!(await lock.tryAcquire())) throw new RebuildInProgressError(projection.name);
    return await rebuildHoldingLock(pool, store, projection, options);
  } finally {
    await lock.release();
  }
}

async function rebuildHoldingLock(pool: Pool, store: EventStore, projection: Projection, options: RebuildOptions): Promise<RebuildResult> {
  const schemas = schemasOf(projection);
  const started = Date.now();
  let events = 0;
  let cursor: string | null = null;
  const report = (phase: RebuildProgress['phase']) =>
    options.onProgress?.({ phase, events, eventsPerSecond: rate(events, started), position: cursor });

  await ensureCheckpoint(pool, projection.name, projection.version);
  await inTransaction(pool, async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schemas.rebuild)} CASCADE`);
    await client.query(`CREATE SCHEMA ${quoteIdent(schemas.rebuild)}`);
    await client.query(projection.ddl(schemas.rebuild));
  });
  try {
    // Bulk of the work, beside the live tables: one transaction per batch, no checkpoint (a
    // crash here leaves only a half-built rebuild schema, dropped by the next rebuild).
    const reader = new PageReader(store, options.batchSize);
    for (;;) {
      const page = await reader.next(cursor);
      if (page.length) {
        await inTransaction(pool, (client) => projection.apply(client, schemas.rebuild, page));
        cursor = page[page.length - 1].position;
        events += page.length;
        report('folding');
      }
      if (page.length < options.batchSize) break;
    }
    report('swapping');
    await inTransaction(pool, async (client) => {
      await lockCheckpoint(client, projection.name);
      // What was appended meanwhile. The live runner is blocked on the row lock, so the live
      // position cannot move past what this reads; a short page means everything up to now.
      for (;;) {
        const page: RecordedEvent[] = await readPage(store, cursor, options.batchSize);
        if (page.length) {
          await projection.apply(client, schemas.rebuild, page);
          cursor = page[page.length - 1].position;
          events += page.length;
        }
        if (page.length < options.batchSize) break;
      }
      await swapSchemas(client, schemas);
      await replaceCheckpoint(client, projection.name, { position: cursor, version: projection.version, eventsApplied: events });
    });
  } catch (error) {
    await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schemas.rebuild)} CASCADE`).catch(() => undefined);
    throw error;
  }
  await dropRetired(pool, schemas.retired);
  report('done');
  return {
    name: projection.name,
    version: projection.version,
    events,
    position: cursor,
    durationMs: Date.now() - started,
    eventsPerSecond: rate(events, started),
  };
}

/**
 * Renames only: no table is rewritten or locked, so the swap is instant. Queries that already
 * hold the old tables finish on them; new ones resolve the live name to the new tables.
 */
async function swapSchemas(client: PoolClient, schemas: ReturnType<typeof schemasOf>): Promise<void> {
  await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schemas.retired)} CASCADE`);
  const { rows } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schemas.live]);
  if (rows.length) await client.query(`ALTER SCHEMA ${quoteIdent(schemas.live)} RENAME TO ${quoteIdent(schemas.retired)}`);
  await client.query(`ALTER SCHEMA ${quoteIdent(schemas.rebuild)} RENAME TO ${quoteIdent(schemas.live)}`);
}

/**
 * After the swap committed. Waits (briefly) for readers still on the old tables; if they hold
 * on, the schema stays until the next rebuild drops it: harmless, nothing reads it by name.
 */
async function dropRetired(pool: Pool, retired: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query("SET LOCAL lock_timeout = '5s'");
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(retired)} CASCADE`);
  }).catch(() => undefined);
}

function rate(events: number, started: number): number {
  return Math.round(events / Math.max((Date.now() - started) / 1000, 0.001));
}
