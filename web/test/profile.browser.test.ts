/*
 * The feature panel and the mahalle profile in Debian's headless Chromium against the whole platform,
 * on PAGE_ENGINE. No sleeps: the panel says what it shows through data-feature-state/-id, and the
 * charts carry the numbers they draw as data attributes, compared here with the API's answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type Page, type TestBrowser } from '../../test/support/browser';
import { PAGE_ENGINE } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { interiorPoint } from '../src/map/geometry';
import type { Neighbourhoods } from '../src/map/neighbourhoodLayers';
import { HALF_WIDTH } from '../src/profile/pyramidChart';
import type { NeighbourhoodProfile } from '../src/profile/profileApi';
import type {} from '../src/testHooks';

if (!HAS_CHROMIUM) console.warn('Debian chromium is not installed: the browser tests are skipped (apt-get install chromium).');

const PANEL = '#feature-panel';
/** İnönü: a mahalle of the demo data with a known profile (api/test/spatialQueries.test.ts). */
const INONU = '40159';
/** 15 Temmuz, the mahalle it is compared with. */
const OTHER = '40169';

async function open(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await screenshotOnFailure(page, name, () => page.waitForSelector('html[data-map-state="idle"]'));
}

/** Clicks the map at a point given in [lon, lat]. */
async function clickMap(page: Page, lngLat: [number, number]): Promise<void> {
  const { x, y } = await page.evaluate((p) => window.__kbs!.map.project(p), lngLat);
  const box = (await page.locator('#map').boundingBox())!;
  await page.mouse.click(box.x + x, box.y + y);
}

async function waitShown(page: Page, id: string): Promise<void> {
  await page.waitForSelector(`${PANEL}[data-feature-id="${id}"][data-feature-state="ready"], ${PANEL}[data-feature-state="error"]`);
  expect(await page.getAttribute(PANEL, 'data-feature-state')).toBe('ready');
}

describe.runIf(HAS_CHROMIUM).each([PAGE_ENGINE])('the feature panel and the mahalle profile on the %s engine', (engine) => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let data: Neighbourhoods;
  let profile: NeighbourhoodProfile;
  let year: number;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine }), launchBrowser({ viewport: { width: 1280, height: 800 } })]);
    data = (await (await fetch(`${platform.url}/api/neighbourhoods`)).json()) as Neighbourhoods;
    profile = (await (await fetch(`${platform.url}/api/neighbourhoods/${INONU}/profile`)).json()) as NeighbourhoodProfile;
    year = Math.max(...profile.indicators.find((i) => i.code === 'pop_total')!.values.map((v) => v.year));
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const inonuPoint = () => interiorPoint(data.features.find((f) => f.properties.uavt_code === INONU)!.geometry);

  it('a click on a mahalle shows its name, a pyramid with the API’s numbers and the API’s comparisons with the district and another mahalle', async () => {
    const page = await browser.newPage();
    await open(page, platform.url, `profile-click-${engine}`);
    await screenshotOnFailure(page, `profile-click-${engine}`, async () => {
      expect(await page.isHidden(PANEL)).toBe(true);
      await clickMap(page, inonuPoint());
      await waitShown(page, INONU);
      expect(await page.textContent('#feature-panel-title')).toBe('İnönü');
      expect(await page.getAttribute('.profile', 'data-year')).toBe(String(year));

      // The pyramid: one bar per age group and sex, each the API's number, on one scale.
      const bars = await page.$$eval('svg.pyramid rect[data-sex]', (rects) => rects.map((r) => ({
        key: `pop_${r.getAttribute('data-sex') === 'male' ? 'm' : 'f'}_${r.getAttribute('data-group')}`,
        value: Number(r.getAttribute('data-value')),
        width: Number(r.getAttribute('width')),
      })));
      const expected = profile.indicators.filter((i) => /^pop_[mf]_/.test(i.code)).map((i) => ({ key: i.code, value: i.values.find((v) => v.year === year)!.value }));
      expect(bars).toHaveLength(32);
      expect(Object.fromEntries(bars.map((b) => [b.key, b.value]))).toEqual(Object.fromEntries(expected.map((e) => [e.key, e.value])));
      const largest = Math.max(...expected.map((e) => e.value));
      for (const bar of bars) expect(bar.width).toBeCloseTo((bar.value / largest) * HALF_WIDTH, 1);
      const males = bars.filter((b) => b.key.startsWith('pop_m_')).reduce((a, b) => a + b.value, 0);
      expect(males).toBe(profile.indicators.find((i) => i.code === 'pop_male')!.values.find((v) => v.year === year)!.value);
      const total = profile.indicators.find((i) => i.code === 'pop_total')!.values.find((v) => v.year === year)!.value;
      expect(Number(await page.getAttribute('[data-population]', 'data-population'))).toBe(total);
      expect(bars.reduce((a, b) => a + b.value, 0)).toBe(total);

      // The comparison: every indicator but the age groups, with the mahalle's value, the median mahalle and the district.
      const rows = await page.$$eval('table.comparison tr[data-code]', (trs) => trs.map((tr) => ({
        code: tr.getAttribute('data-code')!,
        value: Number(tr.getAttribute('data-value')),
        median: Number(tr.getAttribute('data-median')),
        district: Number(tr.getAttribute('data-district')),
      })));
      const others = profile.indicators.filter((i) => !/^pop_[mf]_/.test(i.code));
      expect(rows.map((r) => r.code)).toEqual(others.map((i) => i.code));
      for (const row of rows) {
        const v = others.find((i) => i.code === row.code)!.values.find((x) => x.year === year)!;
        expect(row).toEqual({ code: row.code, value: v.value, median: v.district_median, district: v.district });
      }

      // A second mahalle beside it, from the compare operation.
      const compared = (await (await fetch(`${platform.url}/api/neighbourhoods/compare?codes=${INONU},${OTHER}`)).json()) as { neighbourhoods: NeighbourhoodProfile[] };
      await page.focus('#profile-compare');
      await page.selectOption('#profile-compare', OTHER);
      await page.waitForSelector('table.comparison tr[data-other]');
      expect(await page.$$eval('table.comparison thead th', (ths) => ths.map((th) => th.textContent))).toContain(compared.neighbourhoods[1]!.name);
      const beside = await page.$$eval('table.comparison tr[data-code]', (trs) => trs.map((tr) => [tr.getAttribute('data-code'), Number(tr.getAttribute('data-other'))]));
      expect(beside).toEqual(others.map((i) => [i.code, compared.neighbourhoods[1]!.indicators.find((x) => x.code === i.code)!.values.find((v) => v.year === year)!.value]));
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-compare');

      // Facilities by category, and the published request figures (the public gets no others).
      const facilities = await page.$$eval('table.facilities tr[data-category]', (trs) => Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-category'), Number(tr.getAttribute('data-count'))])));
      expect(Object.fromEntries(Object.entries(facilities as Record<string, number>).filter(([, n]) => n > 0))).toEqual(profile.facilities);
      const published = (await (await fetch(`${platform.url}/ogc/collections/citizen_request_counts/items?uavt_code=${INONU}&category=all&sortby=month&limit=1000&properties=request_count`)).json()) as { features: { properties: { request_count: number | null } }[] };
      const last12 = published.features.slice(-12).reduce((a, f) => a + (f.properties.request_count ?? 0), 0);
      expect(Number(await page.getAttribute('[data-requests-last12]', 'data-requests-last12'))).toBe(last12);
      expect(last12).toBeGreaterThan(0);

      // English redraws the profile from what it has, without a request; the language stays chosen, so back to Turkish.
      await page.click('[data-lang="en"]');
      expect(await page.textContent('#profile-pyramid')).toBe(`Population pyramid (${year})`);
      expect(await page.getAttribute('svg.pyramid', 'aria-label')).toMatch(/^Population by age group and sex/);
      await page.click('[data-lang="tr"]');
      expect(await page.textContent('#profile-pyramid')).toBe(`Nüfus piramidi (${year})`);
    });
    await page.close();
  });

  it('opens by keyboard at the map centre, moves the focus in and back out, switches mahalle and closes with Escape', async () => {
    const page = await browser.newPage();
    await open(page, platform.url, `profile-keyboard-${engine}`);
    await screenshotOnFailure(page, `profile-keyboard-${engine}`, async () => {
      const centre = await page.evaluate(() => window.__kbs!.map.getCenter().toArray() as [number, number]);
      const here = (await (await fetch(`${platform.url}/api/lookup?lon=${centre[0]}&lat=${centre[1]}`)).json()) as { neighbourhood: { uavt_code: string; name: string } };
      await page.focus('.profile-open');
      await page.keyboard.press('Enter');
      await waitShown(page, here.neighbourhood.uavt_code);
      expect(await page.textContent('#feature-panel-title')).toBe(here.neighbourhood.name);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('feature-panel-title');

      // The mahalle switch reaches every mahalle; the focus stays on it while the panel redraws.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-switch');
      expect(await page.$$eval('#profile-switch option', (o) => o.length)).toBe(22);
      await page.selectOption('#profile-switch', INONU);
      await waitShown(page, INONU);
      expect(await page.textContent('#feature-panel-title')).toBe('İnönü');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-switch');

      await page.keyboard.press('Escape');
      expect(await page.isHidden(PANEL)).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('profile-open');
    });
    await page.close();
  });

  it('a click on a facility shows its attributes under the catalog’s column titles, and leads to its mahalle’s profile', async () => {
    type Facility = { id: string; geometry: { coordinates: [number, number] }; properties: { name: string; category: string; address: string; uavt_code: string } };
    const facilities = (await (await fetch(`${platform.url}/ogc/collections/facilities/items?limit=40&sortby=id`)).json()) as { features: Facility[] };
    // One with no twin capture near it: a click there is the feature panel's, not the twin's.
    let facility: Facility | undefined;
    for (const f of facilities.features) {
      const [lon, lat] = f.geometry.coordinates;
      const near = (await (await fetch(`${platform.url}/api/within?collection=panoramas&lon=${lon}&lat=${lat}&distance=60`)).json()) as { features: unknown[] };
      if (near.features.length === 0 && f.properties.uavt_code) {
        facility = f;
        break;
      }
    }
    expect(facility).toBeDefined();
    const [lon, lat] = facility!.geometry.coordinates;
    const page = await browser.newPage();
    await open(page, `${platform.url}/?l=facilities,labels,boundaries,choropleth&v=${lon.toFixed(5)},${lat.toFixed(5)},17.00,0,0`, `profile-facility-${engine}`);
    await screenshotOnFailure(page, `profile-facility-${engine}`, async () => {
      await clickMap(page, [lon, lat]);
      await waitShown(page, String(facility!.id));
      expect(await page.getAttribute(PANEL, 'data-feature-kind')).toBe('facility');
      expect(await page.textContent('#feature-panel-title')).toBe(facility!.properties.name);
      // The click was the facility's: no mahalle under it was selected.
      expect(new URL(page.url()).searchParams.get('s')).toBeNull();
      const shown = await page.$$eval('.feature-attributes dd[data-attribute]', (dds) => dds.map((dd) => [dd.previousElementSibling!.textContent, dd.getAttribute('data-attribute'), dd.textContent]));
      // The titles of data/src/datasets/facilities.ts, in Turkish; the category in words.
      expect(shown).toContainEqual(['Adı', 'name', facility!.properties.name]);
      expect(shown).toContainEqual(['Adres', 'address', facility!.properties.address]);
      expect(shown.find(([, name]) => name === 'category')![0]).toBe('Kategori');
      expect(shown.find(([, name]) => name === 'category')![2]).not.toBe(facility!.properties.category);

      await page.click('.feature-action');
      await waitShown(page, facility!.properties.uavt_code);
      expect(await page.getAttribute(PANEL, 'data-feature-kind')).toBe('neighbourhood');
      expect(await page.textContent('#feature-panel-title')).toBe(data.features.find((f) => f.properties.uavt_code === facility!.properties.uavt_code)!.properties.name);
    });
    await page.close();
  });

  it('is a sheet over the lower map on a 390 px phone, nothing wider than the screen', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await open(page, platform.url, `profile-phone-${engine}`);
    await screenshotOnFailure(page, `profile-phone-${engine}`, async () => {
      await clickMap(page, inonuPoint());
      await waitShown(page, INONU);
      const panel = (await page.locator(PANEL).boundingBox())!;
      const map = (await page.locator('#map').boundingBox())!;
      expect(panel.x).toBe(0);
      expect(panel.width).toBe(390);
      expect(panel.y + panel.height).toBeLessThanOrEqual(800);
      // Over the lower part of the map: the upper part stays visible for the next click.
      expect(panel.y).toBeGreaterThan(map.y + map.height * 0.3);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await page.$eval('.feature-body', (b) => b.scrollWidth - b.clientWidth)).toBe(0);
      const pyramid = (await page.locator('svg.pyramid').boundingBox())!;
      expect(pyramid.x + pyramid.width).toBeLessThanOrEqual(390);
      await page.click('.feature-close');
      expect(await page.isHidden(PANEL)).toBe(true);
    });
    await page.close();
  });
});
