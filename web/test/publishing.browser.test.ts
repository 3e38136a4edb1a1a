/*
 * Publishing on the staff page (/admin/) in Debian's Chromium: a department editor sees only their
 * datasets and drafts a description; nothing public changes until a publisher approves it; the publisher
 * unpublishes with a reason (the OGC collection then answers 410 with it) and publishes again.
 * No sleeps: each step waits for the element or attribute its change must produce.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/src/access/users';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type TestBrowser } from '../../test/support/browser';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

const NEW_DESCRIPTION = 'Bağcılar ilçesindeki okul, park, kütüphane ve spor tesislerinin konumları; müdürlüklerin bildirdiği kapasite ve açılış yılları ile birlikte.';
const REASON = 'Konumlar yeniden ölçülüyor, Mart ayında dönecek.';

describe.runIf(HAS_CHROMIUM)('publishing on the staff page', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  beforeAll(async () => {
    platform = await startPlatform({ engine: 'embedded' });
    await createUser(platform.db.knex, { username: 'parklar', display_name: 'Park ve Bahçeler', role: 'department_editor', datasets: ['facilities'], password: 'parklar-parolasi-1' });
    await createUser(platform.db.knex, { username: 'yayinci', display_name: 'Yayımcı', role: 'publisher', password: 'yayinci-parolasi-1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const ogcDescription = async () => ((await (await fetch(`${platform.url}/ogc/collections/facilities?f=json`)).json()) as { description: string }).description;

  it('drafts as an editor, approves, unpublishes and publishes as a publisher', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text());
    });
    const state = (s: string) => page.waitForSelector(`html[data-admin-state="${s}"]`);
    const signIn = async (username: string, password: string) => {
      await page.fill('#sign-in input[name=username]', username);
      await page.fill('#sign-in input[name=password]', password);
      await page.click('#sign-in button[type=submit]');
      await state('ready');
    };
    const row = '#publishing tr[data-dataset="facilities"]';
    await screenshotOnFailure(page, 'publishing', async () => {
      await page.goto(`${platform.url}/admin/`);
      await state('signed-out');
      await signIn('parklar', 'parklar-parolasi-1');
      await page.waitForSelector(row);
      expect(await page.locator('#publishing tbody tr').count()).toBe(1);
      expect(await page.isHidden('#panels')).toBe(true);
      const scoreBefore = Number(await page.getAttribute(`${row} td[data-score]`, 'data-score'));
      expect(scoreBefore).toBeGreaterThan(0);
      expect(await page.locator(`${row} button[data-action="approve"]`).count()).toBe(0);

      await page.click(`${row} button[data-action="edit"]`);
      await page.waitForSelector('#metadata-form:not([hidden])');
      expect(await page.inputValue('#metadata-form [name="titleTr"]')).toBe('Tesisler ve kent donatıları');
      await page.fill('#metadata-form [name="descriptionTr"]', NEW_DESCRIPTION);
      await page.click('#metadata-form button[type=submit]');
      await page.waitForSelector(`${row} td[data-draft="descriptionTr"]`);
      expect(await ogcDescription()).not.toBe(NEW_DESCRIPTION);

      await page.click('#sign-out');
      await state('signed-out');
      await signIn('yayinci', 'yayinci-parolasi-1');
      await page.click(`${row} button[data-action="approve"]`);
      await page.waitForSelector(`${row} td[data-draft=""]`);
      expect(await ogcDescription()).toBe(NEW_DESCRIPTION);

      await page.fill(`${row} input[name="reason"]`, REASON);
      await page.click(`${row} button[data-action="unpublish"]`);
      await page.waitForSelector(`${row} [data-i18n="unpublished"]`);
      const gone = await fetch(`${platform.url}/ogc/collections/facilities?f=json`);
      expect(gone.status).toBe(410);
      expect(((await gone.json()) as { reason: string }).reason).toBe(REASON);

      await page.click(`${row} button[data-action="publish"]`);
      await page.waitForSelector(`${row} [data-i18n="published"]`);
      expect((await fetch(`${platform.url}/ogc/collections/facilities?f=json`)).status).toBe(200);
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
