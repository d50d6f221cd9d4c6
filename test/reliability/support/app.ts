/**
 * The real app (createApp, as `npm start` runs it) listening on a real port, against a database
 * the caller owns: a restart can bring a new app up on the same data, and a database the test
 * stops and restarts stays the one the app points at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '@app/api/bootstrap';
import { loadConfig } from '@app/config';
import { ProjectorModule } from '@app/projector/projector.module';
import { TOKENS, type TestRole } from '@app/harness';

export { TOKENS, type TestRole };

/** Short standby and retry periods, so a takeover or a recovery is quick in tests. */
export const FAST_RUNTIME = { standbyRetryMs: 100, backoffBaseMs: 20, backoffMaxMs: 500 };

export interface RunningApp {
  app: NestFastifyApplication;
  baseUrl: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** all: API, projector and scheduler in one process (default); api: no projector. */
  mode?: 'all' | 'api';
  env?: Record<string, string>;
}

export async function startApp(databaseUrl: string, options: StartOptions = {}): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-rel-'));
  const mode = options.mode ?? 'all';
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    API_TOKENS: Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(','),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOG_PRETTY: '0',
    MODE: mode,
    TEST_CLOCK: '1',
    // The scheduler acts only when a test asks (POST /admin/sla/tick): no command of its own.
    SLA_TICK_MS: '3600000',
    PROJECTION_BATCH_SIZE: '500',
    PG_POOL_SIZE: '10',
    ...options.env,
  });
  const app = await createApp(config, mode === 'api' ? {} : { projector: ProjectorModule.forRoot(undefined, { runtime: FAST_RUNTIME }) });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (role: TestRole) => ({ authorization: `Bearer ${TOKENS[role]}` });
