/**
 * The tracking page in a real headless browser on a phone-sized screen: every item status and
 * refund shown with its explanation, in each language; nothing fetched from anywhere but the
 * service; no serious or critical accessibility finding. Screenshots go to test-artifacts/tracking/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '@app/harness';
import { computedStyle, contentWidth, foreignRequests, launchBrowser, PHONE, recordRequests, screenshot, seriousAccessibilityViolations } from '@app/harness/browser';
import { CATALOGUES } from '@app/api/tracking/messages';
import { everyStatusScenario, pathOf, PERSONAL, type TrackedScenario } from './support/tracked-orders';

const HTML_LANG = { en: 'en', fr: 'fr', fi: 'fi', zh: 'zh-Hans' } as const;

describe('the tracking page in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let scenarios: TrackedScenario[];
  beforeAll(async () => {
    t = await startTestApp({ TRACKING_RATE_LIMIT: '100000', RATE_LIMIT_ANONYMOUS: '0' }, { listen: true });
    scenarios = await everyStatusScenario(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The card (list item) whose heading is `heading`. */
  const card = (page: Page, heading: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });

  describe.each(['en', 'fr', 'fi', 'zh'] as const)('in %s', (lang) => {
    const messages = CATALOGUES[lang];
    let context: BrowserContext;
    beforeAll(async () => {
      // French is asked for by the browser's own language; the others by the page's language links (?lang=).
      context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: lang === 'fr' ? 'fr-FR' : 'en-US' });
    });
    afterAll(() => context?.close());

    it('shows every item status and refund with its explanation, fetches nothing from elsewhere, has no serious accessibility finding', async () => {
      const page = await context.newPage();
      const requests = recordRequests(page);
      for (const scenario of scenarios) {
        const response = await page.goto(`${t.baseUrl}${pathOf(scenario.trackingUrl)}${lang === 'fr' ? '' : `?lang=${lang}`}`);
        expect(response?.status()).toBe(200);
        expect(await page.locator('html').getAttribute('lang')).toBe(HTML_LANG[lang]);
        const text = await page.locator('body').innerText();
        for (const value of Object.values(PERSONAL)) expect(text).not.toContain(value);
        const orderStatus = messages.orderStatus[scenario.status as 'processing'];
        const statusSection = await page.getByRole('region', { name: messages.page.orderStatus }).innerText();
        expect(statusSection).toContain(orderStatus.label);
        expect(statusSection).toContain(orderStatus.text);
        const items = (scenario.body.lines as Array<{ lineId: string; name: string }>);
        for (const item of items) {
          const words = messages.lineStatus[scenario.lines[item.lineId] as 'shipped'];
          const shown = await card(page, item.name).innerText();
          expect(shown).toContain(words.label);
          expect(shown).toContain(words.text);
        }
        const refundCards = page.getByRole('region', { name: messages.page.refunds }).getByRole('listitem');
        expect(await refundCards.count()).toBe(scenario.refunds.length);
        for (const [i, destination] of scenario.refunds.entries()) {
          const shown = await refundCards.nth(i).innerText();
          expect(shown).toContain(messages.refundDestination[destination as 'card']);
          for (const fixed of messages.refund[destination as 'card'].split(/\{\w+\}/).filter((part) => part.trim())) expect(shown).toContain(fixed.trim());
        }
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        // Its inline style applies (a content security policy without it would leave the page unstyled).
        expect(await computedStyle(page.locator('.card').first(), 'border-top-style')).toBe('solid');
        // The page fits the phone's width: nothing to scroll sideways.
        expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      }
      const richest = scenarios.find((s) => s.refunds.includes('wallet'))!;
      await page.goto(`${t.baseUrl}${pathOf(richest.trackingUrl)}${lang === 'fr' ? '' : `?lang=${lang}`}`);
      await screenshot(page, 'tracking', `returns-${lang}-phone`);
      expect(requests.length).toBeGreaterThan(scenarios.length);
      expect(foreignRequests(requests, t.baseUrl)).toEqual([]);
      await page.close();
    });
  });

  it('switches language with the links on the page, and shows the same not-found page for any unknown link', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true });
    const page = await context.newPage();
    const requests = recordRequests(page);
    await page.goto(`${t.baseUrl}${pathOf(scenarios[0].trackingUrl)}`);
    await page.getByRole('navigation', { name: CATALOGUES.en.page.language }).getByRole('link', { name: '简体中文' }).click();
    await page.waitForURL(/\?lang=zh$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('您的订单');
    const missing = await page.goto(`${t.baseUrl}/track/${'Z'.repeat(43)}?lang=fi`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(CATALOGUES.fi.page.notFoundTitle);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'tracking', 'not-found-fi-phone');
    expect(foreignRequests(requests, t.baseUrl)).toEqual([]);
    await context.close();
  });
});
