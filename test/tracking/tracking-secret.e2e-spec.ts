/**
 * docs/tracking.md "The secret" with an external database: without TRACKING_SECRET, processes
 * with different data directories share one secret kept in the database, so a restart or
 * another replica answers the same links; TRACKING_SECRET replaces it and the link handed out
 * next. (The embedded default, a file in DATA_DIR, is covered by tracking-secret.spec.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, expectOk, startTestApp, type TestApp, type TestDatabase } from '@app/harness';
import { TRACKING_SECRET_FILE } from '@app/projections/customers';
import { pathOf, placeTracked, projected, trackedBody } from './support/tracked-orders';

describe('the tracking secret with an external database', () => {
  let db: TestDatabase;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('tracking_secret');
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await db?.drop();
  });

  const start = async (env: Record<string, string> = {}) => {
    const app = await startTestApp(env, { databaseUrl: db.url, mode: 'api' });
    apps.push(app);
    return app;
  };
  const linkOf = async (t: TestApp, orderId: string) => (await expectOk(t.http.get(`/orders/${orderId}/tracking-link`).set(t.as('service')))).body.url;

  it('is one for every process of the database, kept across restarts; TRACKING_SECRET replaces it and the link handed out next', async () => {
    const [first, second] = [await start(), await start()];
    const placed = await placeTracked(first, trackedBody());
    expect(await linkOf(second, placed.orderId)).toBe(placed.trackingUrl);
    for (const app of [first, second]) expect(fs.existsSync(path.join(app.config.dataDir, TRACKING_SECRET_FILE))).toBe(false);
    const { rows } = await first.pool.query('SELECT count(*)::int AS n FROM tracking_secret');
    expect(rows[0].n).toBe(1);
    await first.close();
    await second.close();

    const restarted = await start();
    expect(await linkOf(restarted, placed.orderId)).toBe(placed.trackingUrl);
    await restarted.close();

    const configured = await startTestApp({ TRACKING_SECRET: 'a'.repeat(48) }, { databaseUrl: db.url });
    apps.push(configured);
    const replaced = await linkOf(configured, placed.orderId);
    expect(replaced).not.toBe(placed.trackingUrl);
    await projected(configured, placed.orderId, placed.position);
    await configured.http.get(pathOf(placed.trackingUrl)).set('Accept', 'application/json').expect(404);
    expect((await expectOk(configured.http.get(pathOf(replaced)).set('Accept', 'application/json'))).body.orderId).toBe(placed.orderId);
  });
});
