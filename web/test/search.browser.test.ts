/*
 * The search box and the address cascade in Debian's headless Chromium against the whole platform, on
 * PAGE_ENGINE: typing "inonu" and choosing by keyboard lands the map on İnönü Caddesi; mahalle →
 * street → door lands on the building and marks it; at 390 px the list fits and a tap lands. No sleeps:
 * the page marks #search[data-search-state], [data-search-landed] and #address-search[data-address-*].
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type Page, type TestBrowser } from '../../test/support/browser';
import { PAGE_ENGINE } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import type {} from '../src/testHooks';

interface Result {
  kind: string;
  id: string;
  name: string;
  bbox: [number, number, number, number];
  point: [number, number];
}

const centre = (page: Page) => page.evaluate(() => window.__kbs!.map.getCenter().toArray() as [number, number]);

/** The mark's features (ring at the point, outline) as the map's source holds them. */
const marked = (page: Page) => page.evaluate(() => {
  const source = window.__kbs!.map.getSource('search-highlight') as unknown as { serialize(): { data: { features: { geometry: { type: string; coordinates: unknown } }[] } } };
  return source.serialize().data.features.map((f) => f.geometry);
});

function expectInside([x, y]: [number, number], [w, s, e, n]: [number, number, number, number], slack = 1e-6): void {
  expect(x).toBeGreaterThanOrEqual(w - slack);
  expect(x).toBeLessThanOrEqual(e + slack);
  expect(y).toBeGreaterThanOrEqual(s - slack);
  expect(y).toBeLessThanOrEqual(n + slack);
}

async function typeQuery(page: Page, query: string): Promise<void> {
  await page.click('#search-input');
  await page.fill('#search-input', '');
  await page.keyboard.type(query);
  await page.waitForSelector(`#search[data-search-state="ready"][data-search-query="${query}"]`);
}

describe.runIf(HAS_CHROMIUM).each([PAGE_ENGINE])('the search in Chromium on the %s engine', (engine) => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let page: Page;
  const api = async <T>(path: string) => (await (await fetch(`${platform.url}${path}`)).json()) as T;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine }), launchBrowser({ viewport: { width: 1280, height: 800 } })]);
    page = await browser.newPage();
    await page.goto(platform.url);
    await page.waitForSelector('html[data-map-state="idle"]');
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('finds İnönü Caddesi from "inonu", chosen with the arrow keys and Enter, and lands on it', async () => {
    const { results } = await api<{ results: Result[] }>('/api/search?q=inonu&limit=8');
    const index = results.findIndex((r) => r.kind === 'street' && r.name === 'İnönü Caddesi');
    expect(index).toBeGreaterThan(0); // the mahalle İnönü comes first
    const street = results[index]!;
    await typeQuery(page, 'inonu');
    await screenshotOnFailure(page, `search-keyboard-${engine}`, async () => {
      expect(await page.getAttribute('#search-input', 'aria-expanded')).toBe('true');
      expect(await page.$$eval('#search-results [role="option"]', (items) => items.map((li) => li.querySelector('.search-name')!.textContent))).toEqual(results.map((r) => r.name));
      for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
      const activeId = await page.getAttribute('#search-input', 'aria-activedescendant');
      expect(await page.getAttribute(`#${activeId}`, 'data-id')).toBe(street.id);
      expect(await page.getAttribute(`#${activeId}`, 'aria-selected')).toBe('true');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#search[data-search-landed="street:${street.id}"]`);
      expect(await page.getAttribute('#search-input', 'aria-expanded')).toBe('false');
      expect(await page.inputValue('#search-input')).toBe('İnönü Caddesi');
      expectInside(await centre(page), street.bbox);
      // The street's line is drawn as the mark, with a ring at its point.
      const geometries = await marked(page);
      expect(geometries.map((g) => g.type).sort()).toEqual(['MultiLineString', 'Point']);
      expect(geometries.find((g) => g.type === 'Point')!.coordinates).toEqual(street.point);
    });
  });

  it('closes the list with Escape and clears the box with a second Escape', async () => {
    await typeQuery(page, 'güneşli');
    expect(await page.isVisible('#search-results')).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#search-results')).toBe(true);
    expect(await page.getAttribute('#search-input', 'aria-expanded')).toBe('false');
    expect(await page.inputValue('#search-input')).toBe('güneşli');
    await page.keyboard.press('Escape');
    expect(await page.inputValue('#search-input')).toBe('');
  });

  it('walks mahalle → street → door and lands on the building', async () => {
    const { streets } = await api<{ streets: { id: string; name: string }[] }>('/api/addresses/streets?mahalle=40159');
    const avenue = streets.find((s) => s.name === 'İnönü Caddesi')!;
    const { doors } = await api<{ doors: { id: string; door_number: string; point: [number, number] }[] }>(`/api/addresses/doors?street=${avenue.id}`);
    const door = doors[Math.floor(doors.length / 2)]!;
    await page.waitForSelector('#address-toggle:not([hidden])');
    await page.click('#address-toggle');
    await page.waitForSelector('#address-search:not([hidden]) #address-mahalle:focus');
    await screenshotOnFailure(page, `search-address-${engine}`, async () => {
      await page.selectOption('#address-mahalle', '40159');
      await page.waitForSelector(`#address-street option[value="${avenue.id}"]`, { state: 'attached' });
      await page.waitForSelector('#address-search[data-address-state="ready"]');
      expect(await page.$$eval('#address-street option', (options) => options.length - 1)).toBe(streets.length);
      await page.selectOption('#address-street', avenue.id);
      await page.waitForSelector(`#address-door option[value="${door.id}"]`, { state: 'attached' });
      await page.waitForSelector('#address-search[data-address-state="ready"]');
      expect(await page.$$eval('#address-door option', (options) => options.slice(1).map((o) => o.textContent))).toEqual(doors.map((d) => d.door_number));
      await page.selectOption('#address-door', door.id);
      await page.waitForSelector(`#address-search[data-address-landed="${door.id}"]`);
      const [x, y] = await centre(page);
      expect(x).toBeCloseTo(door.point[0], 6);
      expect(y).toBeCloseTo(door.point[1], 6);
      expect(await page.evaluate(() => window.__kbs!.map.getZoom())).toBeGreaterThanOrEqual(18);
      expect((await marked(page)).find((g) => g.type === 'Point')!.coordinates).toEqual(door.point);
      // Escape closes the panel and gives the focus back to its button.
      await page.focus('#address-door');
      await page.keyboard.press('Escape');
      expect(await page.isHidden('#address-search')).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('address-toggle');
    });
  });

  it('fits a 390 px phone: the list inside the screen, a tap lands on the result', async () => {
    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(platform.url);
    await phone.waitForSelector('html[data-map-state="idle"]');
    await screenshotOnFailure(phone, `search-phone-${engine}`, async () => {
      await typeQuery(phone, 'yavuz selim');
      const list = (await phone.locator('#search-results').boundingBox())!;
      expect(list.x).toBeGreaterThanOrEqual(0);
      expect(list.x + list.width).toBeLessThanOrEqual(390);
      const first = phone.locator('#search-results [role="option"]').first();
      const id = await first.getAttribute('data-id');
      const kind = await first.getAttribute('data-kind');
      await first.click();
      await phone.waitForSelector(`#search[data-search-landed="${kind}:${id}"]`);
      const { results } = await api<{ results: Result[] }>('/api/search?q=yavuz%20selim&limit=8');
      expectInside(await centre(phone), results.find((r) => r.id === id)!.bbox);
    });
    await phone.close();
  });
});
