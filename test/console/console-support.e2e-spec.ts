/**
 * Support in the console: once the test clock has moved past a deadline (POST /admin/clock, then
 * POST /admin/sla/tick), the overdue timer is listed under its kind and links to its order's
 * timeline; a complaint still unanswered is listed until it is answered.
 */
import type { Browser } from 'playwright-core';
import { expectOk, orderBody, ordersApi, startTestApp, uniqueId, type TestApp } from '@app/harness';
import {
  buildConsole, foreignRequests, launchBrowser, openConsole, PHONE, screenshot, seriousAccessibilityViolations, signInAs, waitForCount, type ConsolePage,
} from './support/browser';

jest.setTimeout(180_000);

describe('console: support finds what is overdue', () => {
  let t: TestApp;
  let browser: Browser;
  let api: ReturnType<typeof ordersApi>;
  let paidOrder: string;
  let complaintId: string;

  const travel = (now: string) => expectOk(t.http.post('/admin/clock').set(t.as('admin')).send({ now }));
  const overdue = async (kind: string) =>
    (await expectOk(t.http.get('/sla/timers').query({ state: 'overdue', kind }).set(t.as('service')))).body.items as Array<{ orderId: string; timerId: string }>;

  beforeAll(async () => {
    await buildConsole();
    t = await startTestApp({}, { listen: true });
    browser = await launchBrowser();
    api = ordersApi(t);
    await travel('2026-03-02T09:00:00Z');
    const body = orderBody();
    paidOrder = String(body.orderId);
    await expectOk(api.place(body), 201);
    await expectOk(api.pay(paidOrder));
    complaintId = uniqueId('cmp');
    await expectOk(api.post(`/orders/${paidOrder}/complaints`, { complaintId, category: 'delivery', message: 'Where is it?' }));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  let session: ConsolePage;
  afterEach(() => session?.close());

  it('shows nothing overdue before the deadline, then the shipment timer under its kind, linked to the order', async () => {
    session = await openConsole(browser, t.baseUrl);
    const { page, requests } = session;
    await signInAs(page, 'auditor');
    await page.getByRole('link', { name: 'Overdue' }).click();
    await page.getByRole('button', { name: /^shipment/ }).click();
    await page.getByTestId('nothing-overdue').filter({ hasText: 'Nothing overdue of kind shipment.' }).waitFor();

    await travel('2026-04-15T09:00:00Z');
    await expectOk(t.http.post('/admin/sla/tick').set(t.as('admin')).send({}));
    const timers = await overdue('shipment');
    expect(timers.map((timer) => timer.orderId)).toEqual([paidOrder]);

    // No reload: the page polls.
    const row = page.getByTestId('overdue-timers').locator(`tr[data-timer="${timers[0].timerId}"]`);
    await row.waitFor();
    await waitForCount(page.getByTestId('overdue-timers').locator('tbody tr'), 1);
    await expect(page.getByRole('button', { name: /^shipment/ }).textContent()).resolves.toBe('shipment (1)');
    await expect(page.getByRole('button', { name: /^payment/ }).getAttribute('aria-pressed')).resolves.toBe('false');

    const complaints = page.getByTestId('open-complaints');
    await complaints.locator('tr', { hasText: complaintId }).waitFor();
    await screenshot(page, 'overdue-laptop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await row.getByRole('link', { name: paidOrder }).click();
    await page.getByRole('heading', { name: `Order ${paidOrder}` }).waitFor();
    await page.getByTestId('timeline').locator('li.event', { hasText: 'ComplaintOpened' }).waitFor();
    expect(foreignRequests(requests, t.baseUrl)).toEqual([]);
  });

  it('lists every overdue kind on a phone, and drops the complaint once answered', async () => {
    session = await openConsole(browser, t.baseUrl, PHONE);
    const { page } = session;
    await signInAs(page, 'service');
    await page.getByRole('link', { name: 'Overdue' }).click();
    const all = (await expectOk(t.http.get('/sla/timers').query({ state: 'overdue' }).set(t.as('service')))).body.items;
    await waitForCount(page.getByTestId('overdue-timers').locator('tbody tr'), all.length);
    expect(all.length).toBeGreaterThanOrEqual(2); // shipment and complaint_response
    await page.getByTestId('open-complaints').locator('tr', { hasText: complaintId }).waitFor();
    await screenshot(page, 'overdue-phone');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await expectOk(api.post(`/orders/${paidOrder}/complaints/${complaintId}/respond`, { message: 'It is on its way.' }));
    await page.getByTestId('open-complaints').waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Complaints awaiting an answer' }).locator('xpath=..').getByText('None.').waitFor();
  });
});
