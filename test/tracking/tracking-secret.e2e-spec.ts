/**
 * docs/tracking.md "The secret": generated once into DATA_DIR and reused, so a restart answers
 * the same links; TRACKING_SECRET when set. A changed secret replaces the link handed out next.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, expectOk, startTestApp, type TestApp, type TestDatabase } from '@app/harness';
import { TRACKING_SECRET_FILE } from '@app/api/tracking/tracking-secret';
import { pathOf, placeTracked, projected, trackedBody } from './support/tracked-orders';

describe('the tracking secret', () => {
  let db: TestDatabase;
  let dataDir: string;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('tracking-secret');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-tracking-'));
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string> = {}) => {
    const app = await startTestApp({ DATA_DIR: dataDir, ...env }, { databaseUrl: db.url });
    apps.push(app);
    return app;
  };
  const linkOf = async (t: TestApp, orderId: string) => (await expectOk(t.http.get(`/orders/${orderId}/tracking-link`).set(t.as('service')))).body.url;

  it('is generated owner-only into DATA_DIR, kept across restarts; TRACKING_SECRET replaces it and the link handed out next', async () => {
    const first = await start();
    const placed = await placeTracked(first, trackedBody());
    const file = path.join(dataDir, TRACKING_SECRET_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const generated = fs.readFileSync(file, 'utf8');
    await first.close();

    const restarted = await start();
    expect(fs.readFileSync(file, 'utf8')).toBe(generated);
    expect(await linkOf(restarted, placed.orderId)).toBe(placed.trackingUrl);
    await restarted.close();

    const configured = await start({ TRACKING_SECRET: 'a'.repeat(48) });
    const replaced = await linkOf(configured, placed.orderId);
    expect(replaced).not.toBe(placed.trackingUrl);
    await projected(configured, placed.orderId, placed.position);
    await configured.http.get(pathOf(placed.trackingUrl)).set('Accept', 'application/json').expect(404);
    expect((await expectOk(configured.http.get(pathOf(replaced)).set('Accept', 'application/json'))).body.orderId).toBe(placed.orderId);
  });
});
