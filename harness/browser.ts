/**
 * A real headless browser for the suites that look at pages (playwright-core): Debian's
 * /usr/bin/chromium when it is installed (.ci/run installs it), else the Chromium the npm
 * package @sparticuz/chromium ships (it has no CJK fonts: check Chinese text in the DOM, not in
 * pixels). Helpers record every request a page makes, run axe-core inside it and keep
 * screenshots under test-artifacts/ (not committed) for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const PHONE = { width: 390, height: 844 };
export const ARTIFACTS = path.resolve(__dirname, '..', 'test-artifacts');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'];

async function executablePath(): Promise<string> {
  if (fs.existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  // The package unpacks its compressed build into the temporary directory on first use.
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await executablePath(), headless: true, chromiumSandbox: false, args: FLAGS });
}

/** Starts recording the URL of every request the page makes; read the array at any time. */
export function recordRequests(page: Page): string[] {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  return requests;
}

/** Requests to anything but `origin` (data: URLs stay in the page). */
export function foreignRequests(requests: readonly string[], origin: string): string[] {
  return requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
}

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/** axe-core run inside the page; only serious and critical findings. */
export async function seriousAccessibilityViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol, not a <script> tag: a strict CSP forbids inline scripts.
  await page.evaluate(axe.source);
  // This file is compiled without the DOM library: the page's globals are reached through globalThis.
  const results = await page.evaluate(() => {
    const inPage = globalThis as unknown as { axe: typeof axe; document: Parameters<typeof axe.run>[0] };
    return inPage.axe.run(inPage.document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
}

/** How wide the page's content is, in CSS pixels: wider than the viewport means sideways scrolling. */
export async function contentWidth(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
}

/** One CSS property of the element as the browser computed it (styles that did not apply show their defaults). */
export async function computedStyle(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((element, name) => {
    const inPage = globalThis as unknown as { getComputedStyle(e: unknown): { getPropertyValue(p: string): string } };
    return inPage.getComputedStyle(element).getPropertyValue(name);
  }, property);
}

/** The whole page as a PNG under test-artifacts/<folder>/; returns the file. */
export async function screenshot(page: Page, folder: string, name: string): Promise<string> {
  const directory = path.join(ARTIFACTS, folder);
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
