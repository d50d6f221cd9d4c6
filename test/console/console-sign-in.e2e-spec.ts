/**
 * The console served by the service itself (/console), in a real headless browser: signing in
 * with each role's token shows what that role may read and nothing else; a wrong or missing
 * token shows an error and never data; the token stays out of URLs; the page asks nothing of
 * any other origin.
 */
import type { Browser } from 'playwright-core';
import { expectOk, orderBody, ordersApi, startTestApp, TOKENS, type TestApp } from '@app/harness';
import { buildConsole, foreignRequests, launchBrowser, openConsole, seriousAccessibilityViolations, sessionValues, signIn, signInAs, screenshot, PHONE } from './support/browser';

jest.setTimeout(120_000);

describe('console: sign-in and what each role sees', () => {
  let t: TestApp;
  let browser: Browser;
  let orderId: string;

  beforeAll(async () => {
    await buildConsole();
    t = await startTestApp({}, { listen: true });
    browser = await launchBrowser();
    const body = orderBody();
    orderId = String(body.orderId);
    await expectOk(ordersApi(t).place(body), 201);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('serves the console as public static files, same-origin only', async () => {
    const redirect = await fetch(`${t.baseUrl}/console`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/console/');
    const index = await fetch(`${t.baseUrl}/console/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('content-security-policy')).toMatch(/connect-src 'self'/);
    const html = await index.text();
    expect(html).not.toMatch(/https?:\/\//); // no CDN, no external font
  });

  it('refuses a wrong token with a sign-in error and shows no data', async () => {
    const { page, requests, close } = await openConsole(browser, t.baseUrl);
    await signIn(page, 'not-a-token-of-this-service-0001');
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Sign-in failed: This token is not valid/);
    expect(await page.getByTestId('role').count()).toBe(0);
    expect(await page.locator('table').count()).toBe(0);
    expect(await sessionValues(page)).toEqual([]);
    await screenshot(page, 'sign-in-refused-laptop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreignRequests(requests, t.baseUrl)).toEqual([]);
    await close();
  });

  it('asks for a token when none is given', async () => {
    const { page, close } = await openConsole(browser, t.baseUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Enter an API token.');
    expect(await page.getByTestId('role').count()).toBe(0);
    await close();
  });

  it.each([
    ['auditor', ['Orders', 'Overdue']],
    ['service', ['Orders', 'Overdue']],
    ['finance', ['Orders', 'Refunds', 'Overdue']],
    ['admin', ['Orders', 'Refunds', 'Overdue']],
  ] as const)('signs the %s in and shows the sections its role may read', async (role, sections) => {
    const { page, requests, close } = await openConsole(browser, t.baseUrl);
    await signInAs(page, role);
    await expect(page.getByTestId('role').textContent()).resolves.toBe(`Signed in: ${role}`);
    const nav = await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents();
    expect(nav).toEqual(sections);
    // The token is kept in this tab's sessionStorage only: never in the address or any request URL.
    expect(await sessionValues(page)).toEqual([TOKENS[role]]);
    expect(page.url()).not.toContain(TOKENS[role]);
    expect(requests.filter((url) => url.includes(TOKENS[role]))).toEqual([]);
    expect(foreignRequests(requests, t.baseUrl)).toEqual([]);
    await close();
  });

  it('shows finance the order list but not an order history, which its role may not read', async () => {
    const { page, close } = await openConsole(browser, t.baseUrl);
    await signInAs(page, 'finance');
    await page.goto(`${t.baseUrl}/console/#/orders`);
    await page.getByRole('heading', { name: 'Newest orders' }).waitFor();
    await page.getByRole('cell', { name: orderId }).waitFor();
    expect(await page.getByRole('link', { name: orderId }).count()).toBe(0);
    await page.goto(`${t.baseUrl}/console/#/orders/${orderId}`);
    await page.getByRole('heading', { name: 'Not available' }).waitFor();
    await close();
  });

  it('signs out on request and forgets the token', async () => {
    const { page, close } = await openConsole(browser, t.baseUrl, PHONE);
    await signInAs(page, 'auditor');
    await screenshot(page, 'signed-in-auditor-phone');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').waitFor();
    expect(await sessionValues(page)).toEqual([]);
    await close();
  });
});
