/**
 * The console in the shared headless browser (harness/browser.ts): opening it, signing in, and
 * waiting for what it polls. Every page records each request it makes, so a test can assert
 * that none leaves the service's own origin.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import * as shared from '@app/harness/browser';
import { buildOnce } from '@app/harness/child-process-app';
import { TOKENS, type TestRole } from '@app/harness';

export { launchBrowser, PHONE, seriousAccessibilityViolations, type Violation } from '@app/harness/browser';

export const LAPTOP = { width: 1366, height: 768 };

/** The built console (dist/console) must exist before the app starts: the build runs once under a lock. */
export async function buildConsole(): Promise<void> {
  await buildOnce();
}

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Every URL the page asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function openConsole(browser: Browser, baseUrl: string, viewport = LAPTOP): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
  const page = await context.newPage();
  const requests = shared.recordRequests(page);
  await page.goto(`${baseUrl}/console/`);
  return { page, context, requests, close: () => context.close() };
}

export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAs(page: Page, role: TestRole): Promise<void> {
  await signIn(page, TOKENS[role]);
  await page.getByTestId('role').waitFor();
}

/** Waits until the locator matches `count` elements (the console polls the API every few seconds). */
export async function waitForCount(locator: Locator, count: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await locator.count();
  while (seen !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} elements, saw ${seen}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    seen = await locator.count();
  }
}

/** The values the page keeps in its tab's sessionStorage. */
export function sessionValues(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.values((globalThis as unknown as { sessionStorage: Record<string, string> }).sessionStorage));
}

/** Requests to anything but the service's own origin (data: and blob: URLs stay in the page). */
export function foreignRequests(requests: string[], baseUrl: string): string[] {
  return shared.foreignRequests(requests, baseUrl).filter((url) => !url.startsWith('blob:'));
}

/** Kept under test-artifacts/console/ (not committed) for a person to look at. */
export function screenshot(page: Page, name: string): Promise<string> {
  return shared.screenshot(page, 'console', name);
}
