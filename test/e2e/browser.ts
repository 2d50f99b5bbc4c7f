// The html pages in a real browser: playwright-core drives Debian's Chromium headless (.ci/run installs it with
// apt when it is missing; playwright downloads nothing). A page is opened from its file:// URL with every other
// request failed and recorded, and console errors collected: a self-contained page has neither.
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export interface OfflinePage {
  context: BrowserContext;
  page: Page;
  /** Requests for anything but a file:// URL (each failed). */
  requests: string[];
  /** Console errors (a CSP violation is one) and uncaught page errors. */
  errors: string[];
}

export async function openOffline(browser: Browser, file: string): Promise<OfflinePage> {
  const requests: string[] = [];
  const errors: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1200, height: 1600 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (req) => {
    if (!req.url().startsWith('file://')) requests.push(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { context, page, requests, errors };
}
