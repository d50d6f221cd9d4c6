/**
 * GET /health: `{ status, eventStore, readModels, projections }` with a token, `{ status }`
 * without; 200 "ok" when up, 200 "degraded" when a projection failed, 503 "down" when the
 * database is gone. GET /health/live: the process answers. GET /health/ready: 200 or 503 "down".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@app/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { createApp } from '@app/api/bootstrap';
import { expectOk, ordersApi, startTestApp, TOKENS, type TestApp } from '@app/harness';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { eventually } from './support/eventually';

const PROJECTIONS = ['order-status', 'sla-timers', 'finance', 'after-sales-report'];

describe('GET /health on a running service', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('is 200 "ok", with every projection\'s state, position and lag for any token, and only the status without one', async () => {
    const placed = await expectOk(ordersApi(t).place(), 201);
    expect((await t.http.get('/health')).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/health').set({ Authorization: 'Bearer not-a-token-of-this-service' })).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/health/ready')).body).toEqual({ status: 'ok' });
    await eventually(async () => {
      const { status, body } = await t.http.get('/health').set(t.as('auditor'));
      expect(status).toBe(200);
      expect(body).toEqual({ status: 'ok', eventStore: 'up', readModels: 'up', projections: expect.any(Object), subscriptions: { failing: [] } });
      expect(Object.keys(body.projections).sort()).toEqual([...PROJECTIONS].sort());
      expect(body.projections['order-status']).toMatchObject({ state: 'running', position: placed.body.position, lag: 0 });
    });
  });

  it('is 200 "degraded" while a projection is failed, naming the event it is stuck on', async () => {
    // An event type this build cannot read: order-status fails loudly rather than skip it.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const { position } = await store.append(`order-${randomUUID()}`, [{ eventId: randomUUID(), type: 'OrderTeleported', data: {}, metadata: {} }], 'no_stream');
    await eventually(async () => {
      const { status, body } = await t.http.get('/health').set(t.as('service'));
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'degraded', eventStore: 'up', readModels: 'up' });
      expect(body.projections['order-status']).toMatchObject({ state: 'failed', failedPosition: position, error: expect.stringContaining('OrderTeleported') });
    });
    // Without a token, the failed projection's raw error is not shown.
    expect((await t.http.get('/health')).body).toEqual({ status: 'degraded' });
    expect((await t.http.get('/health/ready')).body).toEqual({ status: 'degraded' });
  });
});

describe('GET /health when the database goes away', () => {
  let dataDir: string;
  let postgres: EmbeddedPostgres | undefined;
  let app: NestFastifyApplication | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-health-'));
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg') });
    const config = loadConfig({
      DATABASE_URL: postgres.url,
      DATA_DIR: dataDir,
      API_TOKENS: `service:${TOKENS.service}`,
      MODE: 'api', // no projector: nothing else keeps knocking on the dead server
      LOG_LEVEL: 'silent',
      LOG_PRETTY: '0',
    });
    app = await createApp(config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await postgres?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with the event store and the read models down, and 200 before', async () => {
    const http = request(app!.getHttpServer());
    const token = { Authorization: `Bearer ${TOKENS.service}` };
    expect((await http.get('/health').set(token)).body).toMatchObject({ status: 'ok', eventStore: 'up', readModels: 'up' });

    await postgres!.stop();
    const { status, body } = await http.get('/health').set(token);
    expect(status).toBe(503);
    expect(body).toEqual({ status: 'down', eventStore: 'down', eventStoreError: expect.any(String), readModels: 'down', projections: {}, subscriptions: { failing: [] } });
    const ready = await http.get('/health/ready');
    expect([ready.status, ready.body]).toEqual([503, { status: 'down' }]);
    const live = await http.get('/health/live');
    expect([live.status, live.body]).toEqual([200, { status: 'ok' }]);
  });
});
