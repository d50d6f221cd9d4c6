/**
 * The one way to run the service in-process: the real Nest app (createApp, as `npm start` builds
 * it) on a database of the machine's PostgreSQL, driven through supertest and, when asked, on a
 * real port. Every end-to-end suite and in-process benchmark starts it here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import request from 'supertest';
import { loadConfig, type AppConfig } from '@app/config';
import { createApp } from '@app/api/bootstrap';
import { ProjectorModule } from '@app/projector/projector.module';
import { projectionMigrations } from '@app/projections/registry';
import type { Projection } from '@app/projections/runtime';
import { createTestDatabase, type TestDatabase } from './test-database';
import { API_TOKENS, TOKENS, type TestRole } from './tokens';

export { TOKENS, type TestRole } from './tokens';

/** Short standby and retry periods, so a takeover or a recovery is quick in tests. */
export const FAST_RUNTIME = { standbyRetryMs: 100, backoffBaseMs: 20, backoffMaxMs: 500 };

export interface TestAppOptions {
  /** A database the caller owns (a restart can bring a new app up on the same data); default: a fresh one, dropped at close. */
  databaseUrl?: string;
  /** all (default): API, projector and scheduler in one process; api: no projector. */
  mode?: 'all' | 'api';
  /** The projections to migrate and run; default: every registered one, as configured. */
  projections?: readonly Projection[];
  /** Also listen on a real port of 127.0.0.1 (baseUrl). */
  listen?: boolean;
}

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  /** Only with `listen`. */
  baseUrl: string;
  /** Only without `databaseUrl`: the fresh database. */
  db: TestDatabase;
  databaseUrl: string;
  pool: Pool;
  config: AppConfig;
  as(role: TestRole): { Authorization: string };
  close(): Promise<void>;
}

/**
 * Defaults suit every suite: the test clock on, logs quiet, the scheduler acting only when a test
 * asks (POST /admin/sla/tick), small projection batches and quick runtime retries.
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.databaseUrl ? null : await createTestDatabase('e2e');
  const databaseUrl = options.databaseUrl ?? db!.url;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-e2e-'));
  const mode = options.mode ?? 'all';
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    API_TOKENS,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    LOG_PRETTY: '0',
    TEST_CLOCK: '1',
    MODE: mode,
    SLA_TICK_MS: '3600000',
    PROJECTION_BATCH_SIZE: '500',
    ...env,
  });
  const app = await createApp(config, {
    projector: mode === 'api' ? undefined : ProjectorModule.forRoot(options.projections, { runtime: FAST_RUNTIME }),
    ...(options.projections ? { projectionMigrations: projectionMigrations(options.projections) } : {}),
  });
  let baseUrl = '';
  try {
    if (options.listen) {
      await app.listen({ port: 0, host: '127.0.0.1' });
      baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    } else {
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
    }
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  // pool.end() resolves before its sockets close; the database drop that follows may then
  // terminate them, and an 'error' event without a listener would crash the test process.
  pool.on('error', () => undefined);
  return {
    app,
    http: request(app.getHttpServer()),
    baseUrl,
    db: db as TestDatabase,
    databaseUrl,
    pool,
    config,
    as: (role) => ({ Authorization: `Bearer ${TOKENS[role]}` }),
    close: async () => {
      await app.close();
      await pool.end();
      await db?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
