/**
 * The built service (`npm run build`, node dist/...) serves the tracking page: the message
 * catalogues are JSON files beside the compiled code, so the build must copy them.
 */
import { createTestDatabase, TOKENS, type TestDatabase } from '@app/harness';
import { buildOnce, killChildren, startChildApp } from '@app/harness/child-process-app';
import { CATALOGUES } from '@app/api/tracking/messages';
import { pathOf, PERSONAL, trackedBody } from './support/tracked-orders';

jest.setTimeout(120_000);

describe('the tracking page of the built service', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    await buildOnce();
    db = await createTestDatabase('tracking_built');
  });
  afterAll(async () => {
    await killChildren();
    await db?.drop();
  });

  it('answers the link POST /orders gave, in the language asked for', async () => {
    const app = await startChildApp({ databaseUrl: db.url });
    const service = { Authorization: `Bearer ${TOKENS.service}`, 'Content-Type': 'application/json' };
    const placed = await fetch(`${app.url}/orders`, { method: 'POST', headers: service, body: JSON.stringify(trackedBody()) });
    expect(placed.status).toBe(201);
    const { orderId, position, trackingUrl } = (await placed.json()) as { orderId: string; position: string; trackingUrl: string };
    expect(trackingUrl).toMatch(/^http:\/\/localhost:\d+\/track\/[A-Za-z0-9_-]{43}$/);
    expect((await fetch(`${app.url}/orders/${orderId}?minPosition=${position}`, { headers: service })).status).toBe(200);
    const page = await fetch(`${app.url}${pathOf(trackingUrl)}`, { headers: { Accept: 'text/html', 'Accept-Language': 'fi-FI,fi;q=0.9' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain(CATALOGUES.fi.lineStatus.pending_payment.text);
    for (const value of Object.values(PERSONAL)) expect(html).not.toContain(value);
    await app.stop();
  });
});
