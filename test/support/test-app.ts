import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import request from 'supertest';
import { loadConfig, type AppConfig } from '@app/config';
import { createApp, type CreateAppOptions } from '@app/api/bootstrap';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TOKENS = {
  service: 'service-token-for-tests-0001',
  auditor: 'auditor-token-for-tests-0001',
  finance: 'finance-token-for-tests-0001',
  admin: 'admin-token-for-tests-00001',
} as const;

export type TestRole = keyof typeof TOKENS;

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  db: TestDatabase;
  pool: Pool;
  config: AppConfig;
  as(role: TestRole): { Authorization: string };
  close(): Promise<void>;
}

/** The real Nest app on a fresh database of the machine's PostgreSQL. */
export async function startTestApp(env: Record<string, string> = {}, options: CreateAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase('e2e');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-e2e-'));
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    API_TOKENS: Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(','),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    LOG_PRETTY: '0',
    TEST_CLOCK: '1',
    ...env,
  });
  const app = await createApp(config, options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const pool = new Pool({ connectionString: db.url, max: 2 });
  // pool.end() resolves before its sockets close; the database drop that follows may then
  // terminate them, and an 'error' event without a listener would crash the test process.
  pool.on('error', () => undefined);
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    pool,
    config,
    as: (role) => ({ Authorization: `Bearer ${TOKENS[role]}` }),
    close: async () => {
      await app.close();
      await pool.end();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
