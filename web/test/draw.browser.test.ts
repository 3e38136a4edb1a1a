/*
 * The drawing tools in Debian's headless Chromium against the whole platform, on both engines: a
 * selection drawn by mouse shows exactly the figures the API gives for the area read back from the URL
 * (asked here, not by the page); a measured line agrees with PostGIS's geodesic distance; an editor
 * digitises, reloads, changes and deletes a feature; and on a 390 px phone a selection is drawn by
 * keyboard alone. No sleeps: the page says what it shows in data attributes.
 */
import type { GeoJSONSource } from 'maplibre-gl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/src/access/users';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type Page, type TestBrowser } from '../../test/support/browser';
import { ENGINES, PAGE_ENGINE } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { areaPolygon } from '../src/draw/geometry';
import type { AreaStatistics } from '../src/draw/selection';
import type { DrawnArea } from '../src/state/mapState';
import { decodeState } from '../src/state/urlState';
import type {} from '../src/testHooks';

type LonLat = [number, number];
const VIEW = '?v=28.84300,41.04400,14.00,0,0';
const RESULTS = '#draw-results-body'; // the panel's content, which carries its state
/** A shared 2-core machine loads the whole platform and Chromium: a test takes up to a few minutes. */
const SLOW = 240_000;

async function open(page: Page, url: string): Promise<void> {
  page.setDefaultTimeout(90_000);
  await page.goto(url);
  await page.waitForSelector('html[data-map-state="idle"]');
}

/** Where a longitude/latitude is on the page, by the map's own projection. */
async function screenPoint(page: Page, at: LonLat): Promise<{ x: number; y: number }> {
  return page.evaluate((p) => {
    const map = window.__kbs!.map;
    const box = map.getCanvas().getBoundingClientRect();
    const { x, y } = map.project(p);
    return { x: box.left + x, y: box.top + y };
  }, at);
}

async function clickAt(page: Page, at: LonLat): Promise<void> {
  const { x, y } = await screenPoint(page, at);
  await page.mouse.click(x, y);
}

async function startTool(page: Page, tool: string): Promise<void> {
  await page.click(`[data-tool="${tool}"]`);
  await page.waitForSelector('#draw-toolbar[data-sketching]');
}

const areaInUrl = (page: Page): DrawnArea => decodeState(new URL(page.url()).search).area!;

async function apiStatistics(page: Page, url: string, area: DrawnArea): Promise<AreaStatistics> {
  const response = await page.request.post(`${url}/api/area-statistics`, { data: { geometry: areaPolygon(area) } });
  expect(response.status()).toBe(200);
  return (await response.json()) as AreaStatistics;
}

/** The figures the results panel shows, as numbers. */
async function panelFigures(page: Page) {
  await page.waitForSelector(`${RESULTS}[data-area-state="ready"]`);
  return page.$eval(RESULTS, (panel) => ({
    area: Number(panel.querySelector('[data-area-m2]')!.getAttribute('data-area-m2')),
    residents: Number(panel.querySelector('[data-residents]')!.getAttribute('data-residents')),
    facilities: Object.fromEntries([...panel.querySelectorAll('[data-category]')].map((li) => [li.getAttribute('data-category'), Number(li.getAttribute('data-count'))])),
    requestsTotal: panel.querySelector('[data-requests-total]')?.getAttribute('data-requests-total') ?? null,
    requests: Object.fromEntries([...panel.querySelectorAll('[data-request-category]')].map((li) => [li.getAttribute('data-request-category'), li.getAttribute('data-count')])),
  }));
}

function expectSameFigures(shown: Awaited<ReturnType<typeof panelFigures>>, api: AreaStatistics): void {
  expect(shown.area).toBe(api.area_m2);
  expect(shown.residents).toBe(api.residents_estimated);
  expect(shown.facilities).toEqual(api.facilities);
  if (api.requests === null) {
    expect(shown.requestsTotal).toBeNull();
  } else {
    expect(shown.requestsTotal).toBe(String(api.requests.total ?? ''));
    expect(shown.requests).toEqual(Object.fromEntries(Object.entries(api.requests.by_category).map(([k, n]) => [k, n === null ? '' : String(n)])));
  }
}

const near = (a: LonLat, b: LonLat, tolerance = 2e-5) => Math.abs(a[0] - b[0]) <= tolerance && Math.abs(a[1] - b[1]) <= tolerance;

describe.runIf(HAS_CHROMIUM).each(ENGINES)('drawing tools on the %s engine', (engine) => {
  let platform: TestPlatform;
  let browser: TestBrowser;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('a polygon drawn by mouse shows the API’s figures for the polygon in the URL; the public sees no request figures', async () => {
    const page = await browser.newPage();
    try {
      await open(page, `${platform.url}/${VIEW}`);
      const corners: LonLat[] = [[28.836, 41.039], [28.851, 41.0395], [28.85, 41.049], [28.837, 41.048]];
      await screenshotOnFailure(page, `draw-polygon-${engine}`, async () => {
        await startTool(page, 'select-polygon');
        for (const corner of corners) await clickAt(page, corner);
        await clickAt(page, corners[0]!); // the first corner again closes the polygon
        const shown = await panelFigures(page);
        const area = areaInUrl(page);
        expect(area.kind).toBe('polygon');
        const ring = (area as Extract<DrawnArea, { kind: 'polygon' }>).ring;
        expect(ring).toHaveLength(4);
        ring.forEach((p, i) => expect(near(p, corners[i]!), `${p} vs ${corners[i]}`).toBe(true));
        const api = await apiStatistics(page, platform.url, area);
        expect(Object.keys(api.facilities).length).toBeGreaterThan(0);
        expect(api.residents_estimated).toBeGreaterThan(1000);
        expect(api.requests).toBeNull();
        expectSameFigures(shown, api);
        expect(await page.getAttribute('[data-tool="select-polygon"]', 'aria-pressed')).toBe('false');
      });

      // The link reproduces the selection: a fresh page shows the same figures.
      const link = page.url();
      const again = await browser.newPage();
      try {
        await open(again, link);
        expectSameFigures(await panelFigures(again), await apiStatistics(again, platform.url, areaInUrl(again)));
        // Clearing the selection takes it out of the URL.
        await again.click('#draw-results-close');
        await again.waitForFunction(() => !new URL(location.href).searchParams.has('a'));
        expect(await again.isVisible(RESULTS)).toBe(false);
      } finally {
        await again.close();
      }
    } finally {
      await page.close();
    }
  }, SLOW);

  // The figures come through the polygon's path, tested above on both engines: the circle is the page's.
  it.runIf(engine === PAGE_ENGINE)('a circle drawn by mouse: centre and radius in the URL, the API’s figures for its polygon', async () => {
    const page = await browser.newPage();
    try {
      await open(page, `${platform.url}/${VIEW}`);
      const centre: LonLat = [28.843, 41.044];
      const edge: LonLat = [28.843 + 600 / (111_320 * Math.cos((41.044 * Math.PI) / 180)), 41.044]; // about 600 m east
      await screenshotOnFailure(page, `draw-circle-${engine}`, async () => {
        await startTool(page, 'select-circle');
        await clickAt(page, centre);
        await clickAt(page, edge);
        const shown = await panelFigures(page);
        const area = areaInUrl(page) as Extract<DrawnArea, { kind: 'circle' }>;
        expect(area.kind).toBe('circle');
        expect(near(area.center, centre, 5e-5)).toBe(true);
        expect(Math.abs(area.radius - 600)).toBeLessThan(12);
        expect(new URL(page.url()).searchParams.get('a')).toBe(`c:${area.center[0].toFixed(5)},${area.center[1].toFixed(5)},${area.radius}`);
        const api = await apiStatistics(page, platform.url, area);
        // A 64-gon inscribed in the circle: its area is 0.16 % short of πr².
        expect(Math.abs(api.area_m2 / (Math.PI * area.radius ** 2) - 1)).toBeLessThan(0.01);
        expectSameFigures(shown, api);
      });
    } finally {
      await page.close();
    }
  }, SLOW);

  it.runIf(engine === PAGE_ENGINE)('measures a line between two known points: PostGIS’s geodesic distance within 0.5 %', async () => {
    const page = await browser.newPage();
    try {
      await open(page, `${platform.url}/${VIEW}`);
      const a: LonLat = [28.838, 41.037];
      const b: LonLat = [28.846, 41.051];
      await screenshotOnFailure(page, `draw-measure-${engine}`, async () => {
        await startTool(page, 'measure-length');
        await clickAt(page, a);
        await clickAt(page, b);
        await page.keyboard.press('Enter'); // the map has the focus after the clicks
        await page.waitForSelector(`${RESULTS} .draw-measure[data-length-m]`);
        const shown = Number(await page.getAttribute(`${RESULTS} .draw-measure`, 'data-length-m'));
        const { rows } = await platform.db.knex.raw<{ rows: { d: number }[] }>(
          'SELECT ST_Distance(ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) AS d', [...a, ...b]);
        const expected = Number(rows[0]!.d);
        expect(expected).toBeGreaterThan(1500);
        expect(Math.abs(shown / expected - 1)).toBeLessThan(0.005);
        expect(await page.textContent(`${RESULTS} .draw-measure`)).toMatch(/^\d,\d\d km$/);
      });
    } finally {
      await page.close();
    }
  }, SLOW);

  it('an editor digitises a point with the catalog’s form; after a reload it is there; it is changed and deleted', async () => {
    const username = `editor-${engine}`;
    await createUser(platform.db.knex, { username, display_name: 'Editör', role: 'analyst', password: 'editor-password-1' });
    const page = await browser.newPage();
    const items = async () => ((await (await page.request.get(`${platform.url}/ogc/collections/planned_facilities/items?f=json&limit=1000`)).json()) as {
      features: { id: string; geometry: { coordinates: LonLat }; properties: Record<string, unknown> }[];
    }).features;
    const openDigitiser = async () => {
      await page.click('[data-tool="digitise"]');
      await page.waitForSelector(`${RESULTS}[data-digitise-state="list"]`);
      await page.selectOption('#digitise-collection', 'planned_facilities');
      await page.waitForSelector(`${RESULTS}[data-digitise-state="list"]`);
    };
    const saveAndWait = async (what: string) => {
      await page.click(what);
      await page.waitForFunction(() => ['list', 'error'].includes(document.querySelector<HTMLElement>('#draw-results-body')!.dataset.digitiseState ?? ''));
      expect(await page.getAttribute(RESULTS, 'data-digitise-state'), (await page.textContent('.draw-status')) ?? '').toBe('list');
    };
    try {
      const login = await page.request.post(`${platform.url}/api/auth/login`, { data: { username, password: 'editor-password-1' } });
      expect(login.status()).toBe(200);
      await open(page, `${platform.url}/${VIEW}`);
      const spot: LonLat = [28.8452, 41.0418];
      await screenshotOnFailure(page, `draw-digitise-${engine}`, async () => {
        await page.waitForSelector('[data-tool="digitise"]:not([hidden])');
        await openDigitiser();
        await page.click('#digitise-new');
        await page.waitForSelector('#draw-toolbar[data-sketching="point"]');
        await clickAt(page, spot);
        await page.waitForSelector(`${RESULTS}[data-digitise-state="form"]`);
        // The form is the catalog's: no id, no edited_by/edited_at.
        const fields = await page.$$eval(`${RESULTS} .draw-form [name]`, (els) => els.map((e) => e.getAttribute('name')));
        expect(fields).toEqual(['name', 'category', 'status', 'note']);
        await page.fill('#draw-field-name', 'Planlanan kütüphane');
        await page.fill('#draw-field-category', 'library');
        await page.fill('#draw-field-status', 'öneri');
        await saveAndWait(`${RESULTS} .draw-form button[type="submit"]`);

        const [created] = (await items()).filter((f) => f.properties.name === 'Planlanan kütüphane');
        expect(created).toBeDefined();
        expect(created!.properties).toMatchObject({ category: 'library', status: 'öneri', note: null, edited_by: `user:${username}` });
        expect(near(created!.geometry.coordinates, spot)).toBe(true);

        // Another page load (another user would do the same) finds it in the list and on the map.
        await open(page, `${platform.url}/${VIEW}`);
        await openDigitiser();
        await page.waitForSelector(`${RESULTS} li[data-feature-id="${created!.id}"]`);
        const onMap = await page.evaluate(async () => {
          const data = await (window.__kbs!.map.getSource('draw-digitise') as GeoJSONSource).getData();
          return (data as GeoJSON.FeatureCollection).features.map((f) => f.properties!.name);
        });
        expect(onMap).toContain('Planlanan kütüphane');

        // Change an attribute.
        await page.click(`${RESULTS} li[data-feature-id="${created!.id}"] button`);
        await page.waitForSelector(`${RESULTS} .draw-form[data-feature-id="${created!.id}"]`);
        expect(await page.inputValue('#draw-field-name')).toBe('Planlanan kütüphane');
        await page.fill('#draw-field-note', 'Arsa belediyenin');
        await saveAndWait(`${RESULTS} .draw-form button[type="submit"]`);
        const changed = (await items()).find((f) => f.id === created!.id)!;
        expect(changed.properties).toMatchObject({ name: 'Planlanan kütüphane', note: 'Arsa belediyenin', edited_by: `user:${username}` });
        expect(near(changed.geometry.coordinates, spot)).toBe(true);

        // Delete it.
        await page.click(`${RESULTS} li[data-feature-id="${created!.id}"] button`);
        await page.waitForSelector(`${RESULTS} .draw-form[data-feature-id="${created!.id}"]`);
        await saveAndWait('#digitise-delete');
        expect((await items()).some((f) => f.id === created!.id)).toBe(false);
        expect(await page.$(`${RESULTS} li[data-feature-id="${created!.id}"]`)).toBeNull();
      });

      // Signed-in staff get the request figures of a drawn area: the same ones the API gives them.
      await open(page, `${platform.url}/${VIEW}&a=p:28.83600,41.03900;28.85100,41.03950;28.85000,41.04900;28.83700,41.04800`);
      const api = await apiStatistics(page, platform.url, areaInUrl(page));
      expect(api.requests).not.toBeNull();
      expectSameFigures(await panelFigures(page), api);
    } finally {
      await page.request.post(`${platform.url}/api/auth/logout`).catch(() => {});
      await page.close();
    }
  }, SLOW);
});

describe.runIf(HAS_CHROMIUM)('drawing on a 390 px phone by keyboard alone', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine: PAGE_ENGINE }), launchBrowser({ viewport: { width: 390, height: 800 } })]);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('selects a triangle with Space under the crosshair, the arrow keys and Enter; Escape cancels; nothing wider than the screen', async () => {
    const page = await browser.newPage();
    await open(page, `${platform.url}/${VIEW}`);
    const centre = () => page.evaluate(() => window.__kbs!.map.getCenter().toArray() as LonLat);
    const pan = async (key: string) => {
      await page.keyboard.press(key);
      await page.waitForFunction(() => !window.__kbs!.map.isMoving());
    };
    await screenshotOnFailure(page, 'draw-phone', async () => {
      // Escape leaves a tool without drawing anything.
      await page.focus('[data-tool="select-polygon"]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#draw-toolbar[data-sketching="polygon"]');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#draw-toolbar:not([data-sketching])');
      expect(await page.getAttribute('[data-tool="select-polygon"]', 'aria-pressed')).toBe('false');

      await page.focus('[data-tool="select-polygon"]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#draw-toolbar[data-sketching="polygon"]');
      expect(await page.isVisible('#draw-crosshair')).toBe(true);
      const vertices: LonLat[] = [await centre()];
      await page.keyboard.press(' ');
      for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight']) await pan(key);
      vertices.push(await centre());
      await page.keyboard.press(' ');
      for (const key of ['ArrowUp', 'ArrowUp', 'ArrowUp']) await pan(key);
      vertices.push(await centre());
      await page.keyboard.press(' ');
      await page.keyboard.press('Enter');
      const shown = await panelFigures(page);
      const area = areaInUrl(page) as Extract<DrawnArea, { kind: 'polygon' }>;
      expect(area.ring).toHaveLength(3);
      area.ring.forEach((p, i) => expect(near(p, vertices[i]!), `${p} vs ${vertices[i]}`).toBe(true));
      expectSameFigures(shown, await apiStatistics(page, platform.url, area));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const box = (await page.locator(RESULTS).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    });
    await page.close();
  }, SLOW);
});
