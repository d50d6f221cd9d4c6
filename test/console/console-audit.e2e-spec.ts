/**
 * An auditor in the console: finds an order, reads its timeline (actor, correlation, causation,
 * idempotency key, each chain link), replays it revision by revision against the API's own
 * state-at, sees new events arrive without a reload, exports the history and prints it, and sees
 * a tampered event as the break in the chain.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_TOTAL, expectOk, orderBody, ordersApi, startTestApp, uniqueId, type TestApp } from '@app/harness';
import {
  buildConsole, foreignRequests, launchBrowser, openConsole, PHONE, screenshot, seriousAccessibilityViolations, signInAs, waitForCount, type ConsolePage,
} from './support/browser';

jest.setTimeout(180_000);

describe('console: an auditor replays an order', () => {
  let t: TestApp;
  let browser: Browser;
  let orderId: string;
  let customerId: string;
  let api: ReturnType<typeof ordersApi>;

  const events = async () => (await expectOk(t.http.get(`/orders/${orderId}/events`).set(t.as('auditor')))).body.events as Array<{ type: string; metadata: Record<string, unknown> }>;
  const stateAt = async (revision: number) => (await expectOk(t.http.get(`/orders/${orderId}/state`).query({ revision }).set(t.as('auditor')))).body;
  const timelineItems = (page: Page) => page.getByTestId('timeline').locator('li.event');
  const position = (page: Page) => page.getByTestId('replay-position');

  beforeAll(async () => {
    await buildConsole();
    t = await startTestApp({}, { listen: true });
    browser = await launchBrowser();
    api = ordersApi(t);
    const body = orderBody();
    orderId = String(body.orderId);
    customerId = String((body.customer as { id: string }).id);
    const travel = (now: string) => expectOk(t.http.post('/admin/clock').set(t.as('admin')).send({ now }));
    await travel('2026-03-02T09:00:00Z');
    await expectOk(api.place(body, { 'Idempotency-Key': `place-${orderId}`, 'X-Correlation-Id': `corr-${orderId}` }), 201);
    await travel('2026-03-02T10:00:00Z');
    await expectOk(api.pay(orderId, DEFAULT_TOTAL));
    await travel('2026-03-02T11:00:00Z');
    await expectOk(api.ship(orderId, ['1', '2']));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  let session: ConsolePage;
  afterEach(() => session?.close());

  it('finds the order by customer, shows its timeline with every link verified, and replays it', async () => {
    session = await openConsole(browser, t.baseUrl);
    const { page, requests } = session;
    await signInAs(page, 'auditor');
    await page.getByLabel('Customer id').fill(customerId);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('heading', { name: `Orders of customer ${customerId}` }).waitFor();
    await page.getByRole('link', { name: orderId }).click();

    const history = await events();
    await page.getByTestId('chain-verdict').filter({ hasText: `Verified: all ${history.length} events link up.` }).waitFor();
    await waitForCount(timelineItems(page), history.length);
    expect(await page.getByTestId('link-status').allTextContents()).toEqual(history.map(() => 'link verified'));
    // Every field of the verify answer beyond the chain's own (signed checkpoints…) is shown as it comes.
    const verified = (await expectOk(t.http.get(`/orders/${orderId}/verify`).set(t.as('auditor')))).body as Record<string, unknown>;
    const extra = Object.keys(verified).filter((key) => !['orderId', 'valid', 'events', 'headHash', 'firstInvalidRevision'].includes(key));
    expect(extra.length).toBeGreaterThan(0);
    for (const key of extra) {
      const shown = await page.getByTestId(`verify-${key}`).textContent();
      const value = verified[key];
      if (typeof value !== 'object' || value === null) expect(shown).toBe(String(value));
      else expect(JSON.parse(shown!)).toEqual(value);
    }
    const first = timelineItems(page).first();
    await expect(first.textContent()).resolves.toContain('OrderPlaced');
    await expect(first.textContent()).resolves.toContain(`corr-${orderId}`);
    await expect(first.textContent()).resolves.toContain(`place-${orderId}`);
    await expect(first.textContent()).resolves.toContain(String((history[0].metadata.actor as { tokenName: string }).tokenName));

    // The replay starts at the head; step back, then slide to the start.
    const head = history.length - 1;
    await position(page).filter({ hasText: `Revision ${head} of ${head}` }).waitFor();
    await page.getByRole('button', { name: '◀ Previous' }).click();
    await position(page).filter({ hasText: `Revision ${head - 1} of ${head}: ${history[head - 1].type}` }).waitFor();
    await page.getByTestId('replay-status').filter({ hasText: `Status: ${(await stateAt(head - 1)).status}` }).waitFor();
    await page.getByRole('slider').focus();
    await page.keyboard.press('Home');
    await position(page).filter({ hasText: `Revision 0 of ${head}: OrderPlaced` }).waitFor();
    await page.getByTestId('replay-status').filter({ hasText: `Status: ${(await stateAt(0)).status}` }).waitFor();
    // Revision 1 (the payment): what changed beside the state.
    await page.getByRole('button', { name: 'Replay to revision 1' }).click();
    await position(page).filter({ hasText: `Revision 1 of ${head}: ${history[1].type}` }).waitFor();
    const changed = await page.getByTestId('changes').textContent();
    const [before, after] = [await stateAt(0), await stateAt(1)];
    expect(before.status).not.toBe(after.status);
    expect(changed).toContain(`status changed "${before.status}" → "${after.status}"`);
    await page.getByTestId('replay-status').filter({ hasText: `Status: ${after.status}` }).waitFor();
    // By business time: between the payment (10:00) and the shipment (11:00) is revision 1.
    await page.getByRole('slider').focus();
    await page.keyboard.press('End');
    await position(page).filter({ hasText: `Revision ${head} of ${head}` }).waitFor();
    await page.getByLabel('State at a time (UTC)').fill('2026-03-02T10:30:00Z');
    await page.getByRole('button', { name: 'Go' }).click();
    await position(page).filter({ hasText: `Revision 1 of ${head}: PaymentConfirmed at 2026-03-02 10:00:00 UTC` }).waitFor();

    await screenshot(page, 'order-timeline-laptop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreignRequests(requests, t.baseUrl)).toEqual([]);
  });

  it('shows a new event without a reload', async () => {
    session = await openConsole(browser, t.baseUrl, PHONE);
    const { page } = session;
    await signInAs(page, 'auditor');
    await page.goto(`${t.baseUrl}/console/#/orders/${orderId}`);
    const before = (await events()).length;
    await waitForCount(timelineItems(page), before);
    await expectOk(api.post(`/orders/${orderId}/complaints`, { complaintId: uniqueId('cmp'), category: 'delivery', message: 'Late.' }));
    await waitForCount(timelineItems(page), before + 1);
    await timelineItems(page).last().filter({ hasText: 'ComplaintOpened' }).waitFor();
    await screenshot(page, 'order-timeline-phone');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('exports the history as the API gives it, and prints an audit file', async () => {
    session = await openConsole(browser, t.baseUrl);
    const { page } = session;
    await signInAs(page, 'auditor');
    await page.goto(`${t.baseUrl}/console/#/orders/${orderId}`);
    await page.getByTestId('chain-verdict').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export NDJSON' }).click()]);
    const exported = fs.readFileSync((await download.path())!, 'utf8');
    const fromApi = await t.http.get(`/orders/${orderId}/events`).set(t.as('auditor')).set('Accept', 'application/x-ndjson').buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    expect(exported).toBe(fromApi.body);
    expect(exported.trim().split('\n')).toHaveLength((await events()).length);

    await page.getByRole('link', { name: 'Printable audit file' }).click();
    await page.getByRole('heading', { name: `Audit file: order ${orderId}` }).waitFor();
    await waitForCount(page.locator('.print-table tbody tr'), (await events()).length);
    await page.getByText(/Hash chain verified over \d+ events/).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    await screenshot(page, 'audit-file-print');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('shows where a tampered history breaks the chain', async () => {
    await t.pool.query(`UPDATE events SET data = data || '{"tampered": true}' WHERE stream_id = $1 AND stream_revision = 1`, [`order-${orderId}`]);
    session = await openConsole(browser, t.baseUrl);
    const { page } = session;
    await signInAs(page, 'auditor');
    await page.goto(`${t.baseUrl}/console/#/orders/${orderId}`);
    await page.getByTestId('chain-verdict').filter({ hasText: 'Broken: the chain fails at revision 1' }).waitFor();
    const total = (await events()).length;
    await waitForCount(page.getByTestId('link-status'), total);
    expect(await page.getByTestId('link-status').allTextContents()).toEqual(['link verified', ...Array(total - 1).fill('link broken')]);
    await screenshot(page, 'order-chain-broken-laptop');
  });
});
