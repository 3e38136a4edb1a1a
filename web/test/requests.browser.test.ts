/*
 * The citizen-request layer in Debian's headless Chromium against the whole platform (on PAGE_ENGINE):
 * the public turns it on and the page fetches no request point; staff turn it on, switch heatmap,
 * hexagons and H3, filter by category and time window, and the number of points handed to deck.gl
 * equals the count in SQL and in the API's binary answer. No sleeps: the page marks
 * <html data-map-state="idle"> when a change is drawn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type Page, type TestBrowser } from '../../test/support/browser';
import { PAGE_ENGINE } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { createUser } from '../../api/src/access/users';
import type {} from '../src/testHooks';

const PASSWORD = 'analist-password-1';

async function changeAndWait(page: Page, action: () => Promise<unknown>): Promise<void> {
  await action();
  await page.waitForSelector('html[data-map-state="idle"]');
}

const requestsHook = (page: Page) => page.evaluate(() => window.__kbs!.requests!());

describe.runIf(HAS_CHROMIUM).each([PAGE_ENGINE])('citizen requests in Chromium on the %s engine', (engine) => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  const count = async (where: string) =>
    ((await platform.db.knex.raw(`SELECT count(*)::int AS n FROM citizen_requests WHERE geom IS NOT NULL AND opened_at IS NOT NULL AND ${where}`)).rows[0] as { n: number }).n;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine }), launchBrowser({ viewport: { width: 1280, height: 800 } })]);
    await createUser(platform.db.knex, { username: `talep-${engine}`, display_name: 'Analist', role: 'analyst', password: PASSWORD });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  /** Signs the page's browser profile in as the analyst and opens the map, drawn. */
  async function openSignedIn(page: Page): Promise<void> {
    const login = await page.request.post(`${platform.url}/api/auth/login`, { data: { username: `talep-${engine}`, password: PASSWORD } });
    expect(login.status()).toBe(200);
    await page.goto(platform.url);
    await page.waitForSelector('html[data-map-state="idle"]');
  }

  // First, before anyone signs in (the pages share one browser profile and so its cookies).
  it('the public turns the layer on and no request point is fetched', async () => {
    const page = await browser.newPage();
    const urls: string[] = [];
    page.on('request', (request) => urls.push(new URL(request.url()).pathname));
    try {
      await screenshotOnFailure(page, `requests-public-${engine}`, async () => {
        await page.goto(platform.url);
        await page.waitForSelector('html[data-map-state="idle"]');
        await changeAndWait(page, () => page.check('[data-layer-toggle="requests"]'));
        await page.waitForSelector('.requests[data-access="denied"]');
        expect(await requestsHook(page)).toEqual({ access: 'denied', mode: 'heatmap', shown: null });
        expect(await page.getAttribute('.requests a[href*="citizen_request_counts"]', 'href')).toBe('/portal/datasets/citizen_request_counts');
        expect(urls).toContain('/api/auth/me');
        expect(urls.filter((u) => u.startsWith('/api/requests') || u.includes('citizen_requests'))).toEqual([]);
      });
    } finally {
      await page.close();
    }
  });

  it('staff see every request, switch heatmap, hexagons and H3, and filter by category and time', async () => {
    const page = await browser.newPage();
    try {
      await screenshotOnFailure(page, `requests-staff-${engine}`, async () => {
        await openSignedIn(page);
        await changeAndWait(page, () => page.check('[data-layer-toggle="requests"]'));
        await page.waitForSelector('#requests-shown[data-shown]');
        const all = await count('true');
        expect(all).toBeGreaterThan(10_000);
        expect(await requestsHook(page)).toEqual({ access: 'ready', mode: 'heatmap', shown: all });

        for (const mode of ['h3', 'hexagon']) {
          await changeAndWait(page, () => page.selectOption('select[name="request-mode"]', mode));
          expect(await requestsHook(page)).toEqual({ access: 'ready', mode, shown: all });
          expect(new URL(page.url()).searchParams.get('r')).toBe(mode);
        }

        // Keep two categories: untick the others one by one, as a user would.
        const categories = await page.$$eval('input[name="request_category"]', (inputs) => inputs.map((i) => (i as HTMLInputElement).dataset.code!));
        expect(categories).toContain('cleaning');
        for (const code of categories.filter((c) => c !== 'cleaning' && c !== 'lighting')) {
          await changeAndWait(page, () => page.uncheck(`input[name="request_category"][data-code="${code}"]`));
        }
        await changeAndWait(page, () => page.fill('input[name="request_from"]', '2023-03-01'));
        await changeAndWait(page, () => page.fill('input[name="request_to"]', '2023-05-31'));
        const where = `category IN ('cleaning', 'lighting') AND opened_at >= '2023-03-01T00:00:00+03:00' AND opened_at < '2023-06-01T00:00:00+03:00'`;
        const expected = await count(where);
        expect(expected).toBeGreaterThan(100);
        expect(await requestsHook(page)).toEqual({ access: 'ready', mode: 'hexagon', shown: expected });
        expect(await page.getAttribute('#requests-shown', 'data-shown')).toBe(String(expected));

        // The API, asked for the same filter, sends as many 12-byte records.
        const binary = await page.evaluate(async () => {
          const bytes = await (await fetch('/api/requests/points?category=cleaning,lighting&from=2023-03-01&to=2023-05-31')).arrayBuffer();
          return (bytes.byteLength - 4 - new DataView(bytes).getUint32(0)) / 12;
        });
        expect(binary).toBe(expected);

        // The link reproduces the layer, its display and its filters.
        const q = new URL(page.url()).searchParams;
        expect([q.get('r'), q.get('f.request_category'), q.get('f.request_from'), q.get('f.request_to')]).toEqual(['hexagon', 'cleaning,lighting', '2023-03-01', '2023-05-31']);
        expect(q.get('l')).toContain(',requests,');
        const second = await browser.newPage();
        try {
          await second.goto(page.url());
          await second.waitForSelector('#requests-shown[data-shown]');
          await second.waitForSelector('html[data-map-state="idle"]');
          expect(await requestsHook(second)).toEqual({ access: 'ready', mode: 'hexagon', shown: expected });
        } finally {
          await second.close();
        }
      });
    } finally {
      await page.close();
    }
  }, 300_000); // a score of drawn changes, each waited for: minutes on a loaded machine

  it('works on a 390 px phone by keyboard: the filters inside the screen, the display and a category switched', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await screenshotOnFailure(page, `requests-phone-${engine}`, async () => {
        await openSignedIn(page);
        await page.focus('#panel-toggle');
        await page.keyboard.press('Enter');
        await page.focus('[data-layer-toggle="requests"]');
        await changeAndWait(page, () => page.keyboard.press('Space'));
        await page.waitForSelector('#requests-shown[data-shown]');
        const all = Number(await page.getAttribute('#requests-shown', 'data-shown'));

        await page.focus('select[name="request-mode"]');
        await changeAndWait(page, () => page.keyboard.press('ArrowDown'));
        expect((await requestsHook(page)).mode).not.toBe('heatmap');
        await page.focus('input[name="request_category"][data-code="cleaning"]');
        await changeAndWait(page, () => page.keyboard.press('Space'));
        const withoutCleaning = await count(`category <> 'cleaning'`);
        expect(withoutCleaning).toBeLessThan(all);
        expect((await requestsHook(page)).shown).toBe(withoutCleaning);

        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        for (const selector of ['select[name="request-mode"]', 'input[name="request_from"]', 'input[name="request_to"]', '#requests-shown']) {
          const box = (await page.locator(selector).boundingBox())!;
          expect([box.x >= 0, box.x + box.width <= 390], selector).toEqual([true, true]);
        }
      });
    } finally {
      await page.close();
    }
  }, 120_000);
});
