/*
 * The administration page (/admin/) in Debian's Chromium against the whole platform: sign in, create a
 * user, issue an API key (shown once, and it works), revoke it (and it stops working), read the audit
 * log; a non-administrator is turned away. No sleeps: the page says what it shows in
 * <html data-admin-state>, and each step waits for the element its change must produce.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/src/access/users';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type TestBrowser } from '../../test/support/browser';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

const PASSWORD = 'yonetici-parolasi-2026';

describe.runIf(HAS_CHROMIUM)('the administration page', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  beforeAll(async () => {
    platform = await startPlatform({ engine: 'embedded' });
    await createUser(platform.db.knex, { username: 'yonetici', display_name: 'Yönetici', role: 'admin', password: PASSWORD });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('manages users and keys, shows the audit log, and turns non-administrators away', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text());
    });
    const state = (s: string) => page.waitForSelector(`html[data-admin-state="${s}"]`);
    await screenshotOnFailure(page, 'admin', async () => {
      await page.goto(`${platform.url}/admin/`);
      await state('signed-out');
      await page.fill('#sign-in input[name=username]', 'yonetici');
      await page.fill('#sign-in input[name=password]', PASSWORD);
      await page.click('#sign-in button[type=submit]');
      await state('ready');
      expect(await page.textContent('#who')).toBe('user:yonetici (admin)');
      await page.waitForSelector('#users tr[data-username="yonetici"]');

      await page.fill('#new-user input[name=username]', 'analist1');
      await page.fill('#new-user input[name=display_name]', 'Analist Bir');
      await page.selectOption('#new-user select[name=role]', 'analyst');
      await page.fill('#new-user input[name=password]', 'analist-parolasi-1');
      await page.click('#new-user button[type=submit]');
      await page.waitForSelector('#users tr[data-username="analist1"]');

      await page.fill('#new-key input[name=name]', 'Zabıta mobil');
      await page.click('#new-key button[type=submit]');
      const code = await page.waitForSelector('#new-key-secret:not([hidden]) code');
      const key = (await code.textContent())!;
      expect(key).toMatch(/^kbs_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
      const prefix = key.slice(4, 14);
      await page.waitForSelector(`#keys tr[data-prefix="${prefix}"]`);
      expect((await fetch(`${platform.url}/api/auth/me`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);

      await page.click(`#keys tr[data-prefix="${prefix}"] button`);
      await page.waitForSelector(`#keys tr[data-prefix="${prefix}"] td[data-i18n="revoked"]`);
      expect((await fetch(`${platform.url}/api/auth/me`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(401);
      await state('ready');
      const actions = await page.locator('#audit tbody td:nth-child(3)').allTextContents();
      expect(actions).toEqual(expect.arrayContaining(['sign-in', 'user-create', 'key-create', 'key-revoke']));

      await page.click('button[data-lang="en"]');
      expect(await page.textContent('h1')).toBe('Administration');
      expect(await page.textContent(`#keys tr[data-prefix="${prefix}"] td[data-i18n="revoked"]`)).toBe('Revoked');

      await page.click('#sign-out');
      await state('signed-out');
      await page.fill('#sign-in input[name=username]', 'analist1');
      await page.fill('#sign-in input[name=password]', 'analist-parolasi-1');
      await page.click('#sign-in button[type=submit]');
      await state('forbidden');
      expect(await page.isHidden('#panels')).toBe(true);
      expect(await page.textContent('#admin-status')).toBe('This page is for municipal staff.');
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
