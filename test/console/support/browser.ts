/**
 * The console in a real headless browser (playwright-core): Debian's /usr/bin/chromium when it is
 * installed (.ci/run installs it), else the Chromium the npm package @sparticuz/chromium ships, so
 * `npm install && npm test` needs nothing else. Every page records each request it makes, so a
 * test can assert that none leaves the service's own origin.
 */
import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildOnce, ROOT } from '@app/harness/child-process-app';
import { TOKENS, type TestRole } from '@app/harness';

export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'console');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'];

async function executablePath(): Promise<string> {
  if (fs.existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  // The package unpacks its brotli-compressed build into the temporary directory on first use.
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

/** The built console (dist/console) must exist before the app starts: the build runs once under a lock. */
export async function buildConsole(): Promise<void> {
  await buildOnce();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await executablePath(), headless: true, chromiumSandbox: false, args: FLAGS });
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
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
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

/** Requests to anything but the service's own origin (data: and blob: URLs stay in the page). */
export function foreignRequests(requests: string[], baseUrl: string): string[] {
  return requests.filter((url) => !url.startsWith(`${baseUrl}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
}

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/** axe-core run inside the page; only serious and critical findings are returned. */
export async function seriousAccessibilityViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol, not a <script> tag: the console's CSP forbids inline scripts.
  await page.evaluate(axe.source);
  // These callbacks run in the page: its globals are reached through globalThis (no DOM types here).
  const results = await page.evaluate(() => {
    const inPage = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
    return inPage.axe.run(inPage.document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
}

/** Kept as test artefacts (test-artifacts/ is not committed) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
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
