import type { EventStore, RecordedEvent } from '@app/event-store';
import type { Pool, PoolClient } from 'pg';
import { AdvisoryLock, rebuildLockKey } from './advisory-lock';
import { ensureCheckpoint, lockCheckpoint, replaceCheckpoint } from './checkpoints';
import type { RuntimeLogger } from './logger';
import type { Projection } from './projection';
import { PageReader } from './page-reader';
import { readPage } from './read-page';
import { quoteIdent, schemasOf } from './schema-names';
import { inTransaction } from './transaction';

export interface RebuildProgress {
  phase: 'folding' | 'swapping' | 'done';
  /** Events applied to the new tables so far. */
  events: number;
  /** Events to fold: the store's count when the rebuild started (more if writes since pass it); null until counted. */
  total: number | null;
  eventsPerSecond: number;
  /** Seconds left at the rate so far; null before the first batch. */
  etaSeconds: number | null;
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
  /** Progress lines in the service's logs: the first batch, then every PROGRESS_LOG_MS, the swap and the end. */
  logger?: RuntimeLogger;
}

const PROGRESS_LOG_MS = 5_000;

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
  // For the ETA; counted beside the fold, since it is a scan of the log with EventStoreDB.
  // Writes made meanwhile are folded too, so `total` grows to at least `events`.
  let total: number | null = null;
  const counted = store.countAfter(null).then((count) => void (total = count), () => undefined);
  const log = options.logger;
  const logProgress = log ? throttled(PROGRESS_LOG_MS, (p) => log.log(describeRebuildProgress(projection.name, p))) : undefined;
  const report = (phase: RebuildProgress['phase']) => {
    const known = Math.max(total ?? 0, events);
    const eventsPerSecond = rate(events, started);
    const etaSeconds = total === null || events === 0 || eventsPerSecond === 0 ? null : Math.ceil((known - events) / eventsPerSecond);
    const progress: RebuildProgress = { phase, events, total: total === null ? null : known, eventsPerSecond, etaSeconds, position: cursor };
    options.onProgress?.(progress);
    logProgress?.(progress);
  };

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
    await counted;
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

/** `order-status rebuild folding: 120000/200000 events (60%), 13800 events/s, ETA 6 s` */
export function describeRebuildProgress(name: string, p: RebuildProgress): string {
  const done = p.total === null ? `${p.events}` : `${p.events}/${p.total} (${p.total ? Math.floor((p.events * 100) / p.total) : 100}%)`;
  const eta = p.phase !== 'folding' ? '' : `, ETA ${p.etaSeconds === null ? 'unknown' : formatSeconds(p.etaSeconds)}`;
  return `${name} rebuild ${p.phase}: ${done} events, ${p.eventsPerSecond} events/s${eta}`;
}

/** Passes on the first folding report, then at most one every `ms`; swapping and done always. */
export function throttled(ms: number, emit: (p: RebuildProgress) => void): (p: RebuildProgress) => void {
  let last: number | null = null;
  return (p) => {
    const now = Date.now();
    if (p.phase === 'folding' && last !== null && now - last < ms) return;
    last = now;
    emit(p);
  };
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

function rate(events: number, started: number): number {
  return Math.round(events / Math.max((Date.now() - started) / 1000, 0.001));
}
