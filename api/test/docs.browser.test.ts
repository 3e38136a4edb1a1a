/*
 * The self-hosted API reference in Debian's Chromium: every operation of /openapi.json is rendered,
 * nothing is fetched from another origin, and the Content-Security-Policy (no inline script) holds.
 * No sleeps: the page sets <html data-docs-state="ready"> from Swagger UI's onComplete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type TestBrowser } from '../../test/support/browser';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

describe.runIf(HAS_CHROMIUM)('the API reference at /docs', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  beforeAll(async () => {
    platform = await startPlatform({ engine: 'embedded' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('renders every operation from the local files alone, within the CSP', async () => {
    const doc = (await (await fetch(`${platform.url}/openapi.json`)).json()) as { paths: Record<string, object> };
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    const page = await browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await screenshotOnFailure(page, 'api-docs', async () => {
      const response = await page.goto(`${platform.url}/docs`);
      expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForSelector('html[data-docs-state="ready"]');
      await page.waitForSelector('.opblock');
      expect(await page.locator('.opblock').count()).toBe(operations);
      expect(await page.locator('.opblock-summary-path[data-path="/api/lookup"]').count()).toBe(2);
    });
    expect(requests.filter((u) => !u.startsWith(platform.url) && !u.startsWith('data:'))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
