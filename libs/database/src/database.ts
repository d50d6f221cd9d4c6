import path from 'node:path';
import { Pool, type PoolConfig } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { runMigrations } from './migrate';
import type { Migration } from './migration';

export interface DatabaseOptions {
  /** External PostgreSQL; omitted: the embedded server in `<dataDir>/pg`. */
  databaseUrl?: string;
  dataDir: string;
  poolSize: number;
  migrations: readonly Migration[];
  log: (message: string) => void;
}

/** The PostgreSQL this process uses (external or embedded), migrated and pooled. */
export class Database {
  private constructor(readonly pool: Pool, readonly url: string, private readonly embedded: EmbeddedPostgres | null) {}

  static async open(options: DatabaseOptions): Promise<Database> {
    const embedded = options.databaseUrl
      ? null
      : await startEmbeddedPostgres({ dataDir: path.join(options.dataDir, 'pg'), log: options.log, supervise: true });
    const url = options.databaseUrl ?? embedded!.url;
    const pool = new Pool(poolConfig(url, options.poolSize));
    // An idle client that loses its server emits 'error'; without a listener that kills the process.
    pool.on('error', (error) => options.log(`database pool: idle client error: ${error.message}`));
    // The pool removes that listener while a client is checked out (a transaction, the scheduler),
    // so a server that ends the session between two of its queries (a restart, a failover) would
    // crash the process. The client's next query fails instead (a 503), and the pool discards it.
    pool.on('connect', (client) => client.on('error', () => undefined));
    try {
      const applied = await runMigrations(pool, options.migrations);
      if (applied.length) options.log(`migrations applied: ${applied.join(', ')}`);
    } catch (error) {
      await pool.end().catch(() => undefined);
      await embedded?.stop();
      throw error;
    }
    return new Database(pool, url, embedded);
  }

  get isEmbedded(): boolean {
    return this.embedded !== null;
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
    await this.embedded?.stop();
  }
}

export function poolConfig(url: string, max: number): PoolConfig {
  return {
    connectionString: url,
    max,
    // Fail fast when the server is down so callers get a quick 503 instead of a hang.
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    application_name: 'order-management',
  };
}
