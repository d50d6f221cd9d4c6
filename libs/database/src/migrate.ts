import type { Pool } from 'pg';
import type { Migration } from './migration';

/** Any fixed number works; it only has to be the same in every process of this service. */
const MIGRATION_LOCK_KEY = 7_214_551_001;

/**
 * Applies each migration once, in the given order, each in its own transaction, recorded in
 * schema_migrations. A session advisory lock makes a second process that starts at the same
 * time wait, then find everything applied.
 */
export async function runMigrations(pool: Pool, listed: readonly Migration[]): Promise<string[]> {
  const migrations = distinct(listed);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ id: string }>('SELECT id FROM schema_migrations');
    const done = new Set(rows.map((r) => r.id));
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
        await client.query('COMMIT');
        applied.push(migration.id);
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.id} failed: ${(error as Error).message}`);
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return applied;
}

/** A module listed twice is harmless; two different migrations under one id are a bug. */
function distinct(migrations: readonly Migration[]): Migration[] {
  const seen = new Map<string, string>();
  return migrations.filter(({ id, sql }) => {
    const earlier = seen.get(id);
    if (earlier === undefined) return seen.set(id, sql), true;
    if (earlier !== sql) throw new Error(`Two different migrations share the id ${id}`);
    return false;
  });
}
