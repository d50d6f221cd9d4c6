/**
 * Finance in the console: the refund chart's totals per currency (never summed across
 * currencies) for a fixture made through the API, the series by payment method, the report,
 * ledger and outstanding CSV downloads byte for byte as the API answers them, and an outstanding
 * refund highlighted once the test clock has passed its due date.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { expectOk, orderBody, ordersApi, startTestApp, uniqueId, type TestApp } from '@app/harness';
import {
  buildConsole, foreignRequests, launchBrowser, openConsole, PHONE, screenshot, seriousAccessibilityViolations, signInAs, waitForCount, type ConsolePage,
} from './support/browser';

jest.setTimeout(180_000);

const FROM = '2026-03-01';
const TO = '2026-03-31';

describe('console: finance reads the refunds', () => {
  let t: TestApp;
  let browser: Browser;
  let api: ReturnType<typeof ordersApi>;
  let lastPosition = '0';
  let cancelledOrder: string;

  const travel = (now: string) => expectOk(t.http.post('/admin/clock').set(t.as('admin')).send({ now }));
  const finance = (path: string, accept = 'application/json') =>
    expectOk(t.http.get(path).query({ minPosition: lastPosition }).set(t.as('finance')).set('Accept', accept).buffer(true));
  const track = (response: { body: { position?: string } }) => {
    if (response.body.position) lastPosition = response.body.position;
    return response;
  };
  const goodwill = async (currency: string, method: string, amount: number, destination = 'original') => {
    const body = orderBody({ currency, payment: { method, processingFee: 150 } });
    const orderId = await api.delivered(body);
    track(await expectOk(api.post(`/orders/${orderId}/refunds`, { refundId: uniqueId('rf'), reason: 'goodwill', destination, amount })));
  };

  beforeAll(async () => {
    await buildConsole();
    t = await startTestApp({}, { listen: true });
    browser = await launchBrowser();
    api = ordersApi(t);
    await travel('2026-03-02T09:00:00Z');
    await goodwill('EUR', 'card', 500);
    await travel('2026-03-05T10:00:00Z');
    await goodwill('EUR', 'paypal', 1200, 'wallet');
    await goodwill('USD', 'card', 700);
    // Paid, then cancelled: a refund is owed, due within a few business days.
    const body = orderBody({ currency: 'EUR' });
    cancelledOrder = String(body.orderId);
    await expectOk(api.place(body), 201);
    await expectOk(api.pay(cancelledOrder));
    track(await expectOk(api.post(`/orders/${cancelledOrder}/cancel`, { reason: 'customer_request', by: 'customer' })));
    await travel('2026-03-20T10:00:00Z');
    await expectOk(t.http.post('/admin/sla/tick').set(t.as('admin')).send({}));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  let session: ConsolePage;
  afterEach(() => session?.close());

  async function openRefunds(page: Page): Promise<void> {
    await signInAs(page, 'finance');
    await page.getByRole('link', { name: 'Refunds' }).click();
    await page.getByLabel('From (UTC day)').fill(FROM);
    await page.getByLabel('To (UTC day)').fill(TO);
  }

  it('draws one chart per currency whose totals are the report\'s, and splits a day by payment method', async () => {
    const report = (await finance(`/reports/refunds?from=${FROM}&to=${TO}`)).body;
    // The fixture as the API reports it: two EUR refunds (500 and 1200 of goods), one USD (700).
    expect(report.totals.map((row: { currency: string; count: number; goods: number }) => [row.currency, row.count, row.goods])).toEqual([
      ['EUR', 2, 1700], ['USD', 1, 700],
    ]);
    session = await openConsole(browser, t.baseUrl);
    const { page, requests } = session;
    await openRefunds(page);
    for (const totals of report.totals as Array<{ currency: string; total: number; count: number }>) {
      const chart = page.getByTestId(`chart-${totals.currency}`);
      await chart.waitFor();
      expect(await chart.getAttribute('data-total')).toBe(String(totals.total));
      expect(await chart.getAttribute('data-count')).toBe(String(totals.count));
      await expect(chart.locator('figcaption').textContent()).resolves.toContain(`${totals.count} ${totals.count === 1 ? 'refund' : 'refunds'}`);
    }
    expect(await page.locator('figure.chart').count()).toBe(2);
    const totalsTable = page.getByTestId('totals').first();
    expect(await totalsTable.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-currency'), row.getAttribute('data-total')])))
      .toEqual(report.totals.map((row: { currency: string; total: number }) => [row.currency, String(row.total)]));

    await page.getByLabel('Chart series').selectOption('method');
    const eur = page.getByTestId('chart-EUR');
    await eur.locator('thead th', { hasText: 'paypal' }).waitFor({ state: 'attached' });
    await eur.getByText('Figures by day').click();
    expect(await eur.locator('thead th').allTextContents()).toEqual(['Day', 'card', 'paypal']);
    expect(await eur.locator('tbody th').allTextContents()).toEqual(['2026-03-02', '2026-03-05']);
    await screenshot(page, 'refunds-laptop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreignRequests(requests, t.baseUrl)).toEqual([]);
  });

  it.each([
    ['Download report CSV', `/reports/refunds?from=${FROM}&to=${TO}&groupBy=day`],
    ['Download ledger CSV', `/reports/refunds/ledger?from=${FROM}&to=${TO}`],
    ['Download outstanding CSV', '/reports/refunds/outstanding'],
  ])('%s: the file is the API\'s own CSV', async (button, path) => {
    const fromApi = await finance(path, 'text/csv');
    session = await openConsole(browser, t.baseUrl);
    const { page } = session;
    await openRefunds(page);
    await page.getByTestId('ledger').locator('tbody tr').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const file = fs.readFileSync((await download.path())!, 'utf8');
    expect(file).toBe(fromApi.text);
    expect(download.suggestedFilename()).toBe(/filename="([^"]+)"/.exec(fromApi.headers['content-disposition'])![1]);
    expect(file.split('\r\n').length).toBeGreaterThan(2);
  });

  it('lists the ledger and highlights the outstanding refund that is overdue', async () => {
    const outstanding = (await finance('/reports/refunds/outstanding')).body;
    const owed = outstanding.items.find((item: { orderId: string }) => item.orderId === cancelledOrder);
    expect(owed).toMatchObject({ overdue: true });
    session = await openConsole(browser, t.baseUrl, PHONE);
    const { page } = session;
    await openRefunds(page);
    await waitForCount(page.getByTestId('ledger').locator('tbody tr'), 3);
    const row = page.getByTestId('outstanding').locator('tbody tr', { hasText: cancelledOrder });
    await row.waitFor();
    expect(await row.getAttribute('class')).toBe('overdue');
    await expect(row.textContent()).resolves.toContain('overdue');
    await page.getByRole('heading', { name: /Outstanding refunds \(1, 1 overdue\)/ }).waitFor();
    await screenshot(page, 'refunds-phone');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('reconciles the period on request: the report equals the events, to the cent', async () => {
    session = await openConsole(browser, t.baseUrl);
    const { page } = session;
    await openRefunds(page);
    await page.getByRole('button', { name: 'Check the period' }).click();
    await expect(page.getByTestId('reconciliation').textContent()).resolves.toBe('Reconciled: the report equals the events, to the cent.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
