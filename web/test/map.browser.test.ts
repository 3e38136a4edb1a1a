/*
 * The web map in Debian's headless Chromium against the whole platform (web/dist served at `/`,
 * the real GET /api/neighbourhoods). No sleeps: the page says when it is done through
 * <html data-map-state="idle"> (see web/src/testHooks.ts); pixels are read from screenshots.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type Page, type TestBrowser } from '../../test/support/browser';
import { ENGINES } from '../../test/support/engines';
import { startPlatform } from '../../test/support/platform';
import { COLOURS, FILL_OPACITY, rgb } from '../src/map/style';
import type {} from '../src/testHooks';
import { bboxOf, blend, colourDistance, edgeDistance, grid, inBox, inside, Screenshot, solidPng, type Box, type Point, type Rgb, type ScreenPolygon } from './pixels';

if (!HAS_CHROMIUM) console.warn('Debian chromium is not installed: the browser tests are skipped (apt-get install chromium).');

type Neighbourhoods = FeatureCollection<MultiPolygon, { uavt_code: string; name: string; population: number; area_km2: number }>;
type Platform = Awaited<ReturnType<typeof startPlatform>>;

const BACKGROUND = rgb(COLOURS.background);
const FILL = blend(rgb(COLOURS.fill), FILL_OPACITY, BACKGROUND);
/** Pixels at least this far from a mahalle boundary are clear of the outline's antialiasing. */
const EDGE_CLEARANCE = 4;

interface LoadedPage {
  page: Page;
  requests: string[];
  pageErrors: string[];
  consoleMessages: string[];
  idleAfterMs: number;
}

/** Opens the app and waits for <html data-map-state>, which must say "idle". */
async function openMap(browser: TestBrowser, url: string, name: string, prepare?: (page: Page) => Promise<void>): Promise<LoadedPage> {
  const page = await browser.newPage();
  const loaded: LoadedPage = { page, requests: [], pageErrors: [], consoleMessages: [], idleAfterMs: 0 };
  page.on('request', (r) => loaded.requests.push(r.url()));
  page.on('pageerror', (e) => loaded.pageErrors.push(e.message));
  page.on('console', (m) => loaded.consoleMessages.push(`${m.type()}: ${m.text()}`));
  await prepare?.(page);
  const started = Date.now();
  await page.goto(url);
  await screenshotOnFailure(page, name, async () => {
    await page.waitForSelector('html[data-map-state]');
    const state = await page.getAttribute('html', 'data-map-state');
    if (state !== 'idle') {
      const errors = loaded.consoleMessages.filter((m) => m.startsWith('error')).concat(loaded.pageErrors);
      throw new Error(`the map reported "${state}"; errors: ${errors.join(' | ') || 'none'}`);
    }
  });
  loaded.idleAfterMs = Date.now() - started;
  return loaded;
}

/** Every mahalle as screen polygons (page pixels, not map pixels), through the page's own projection. */
async function screenPolygons(page: Page, data: Neighbourhoods): Promise<Map<string, ScreenPolygon[]>> {
  const mapBox = (await page.locator('#map').boundingBox())!;
  const lngLats = data.features.map((f) => f.geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [x!, y!] as Point))));
  const projected = await page.evaluate(
    (all) => all.map((polygons) => polygons.map((rings) => rings.map((ring) => ring.map((p) => {
      const q = window.__kbs!.map.project(p);
      return [q.x, q.y] as [number, number];
    })))),
    lngLats,
  );
  return new Map(data.features.map((f, i) => [
    f.properties.name,
    projected[i]!.map((rings) => rings.map((ring) => ring.map(([x, y]) => [x + mapBox.x, y + mapBox.y] as Point))),
  ]));
}

/** The page areas where controls sit over the map: MapLibre's (zoom, scale, attribution) and the drawing toolbar. */
async function controlBoxes(page: Page): Promise<Box[]> {
  return page.$$eval('.maplibregl-ctrl, #draw-toolbar', (els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }));
}

/** Grid points clearly inside each mahalle, and clearly outside all of them, none under a control. */
async function samplePoints(page: Page, polygons: Map<string, ScreenPolygon[]>): Promise<{ inside: Map<string, Point[]>; outside: Point[] }> {
  const mapBox = (await page.locator('#map').boundingBox())!;
  const controls = await controlBoxes(page);
  const free = (p: Point) => inBox(p, mapBox, -EDGE_CLEARANCE) && !controls.some((c) => inBox(p, c, EDGE_CLEARANCE));
  const all = [...polygons.values()].flat();
  const insidePoints = new Map<string, Point[]>();
  for (const [name, parts] of polygons) {
    insidePoints.set(name, grid(bboxOf(parts), 5).filter((p) => free(p) && inside(p, parts) && edgeDistance(p, parts) >= EDGE_CLEARANCE));
  }
  const outside = grid(mapBox, 16).filter((p) => free(p) && !inside(p, all) && edgeDistance(p, all) >= EDGE_CLEARANCE);
  return { inside: insidePoints, outside };
}

describe.runIf(HAS_CHROMIUM).each(ENGINES)('the web map in Chromium on the %s engine', (engine) => {
  let platform: Platform;
  let browser: TestBrowser;
  let loaded: LoadedPage;
  let page: Page;
  let data: Neighbourhoods;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine }), launchBrowser()]);
    data = (await (await fetch(`${platform.url}/api/neighbourhoods`)).json()) as Neighbourhoods;
    // The plain mahalle map: the thematic layer (on at `/`) turned off through the URL state.
    loaded = await openMap(browser, `${platform.url}/?l=-choropleth`, `map-${engine}`);
    page = loaded.page;
    console.log(`[browser] map idle ${loaded.idleAfterMs} ms after navigation (${engine})`);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('needs nothing but the platform: no other origin, no page error', () => {
    const origin = new URL(platform.url).origin;
    const foreign = loaded.requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && new URL(u).origin !== origin);
    expect(foreign).toEqual([]);
    expect(loaded.requests).toContain(`${origin}/api/neighbourhoods`);
    expect(loaded.pageErrors).toEqual([]);
    // A CSP violation or a failed request shows up as a console error.
    expect(loaded.consoleMessages.filter((m) => m.startsWith('error:'))).toEqual([]);
  });

  it('draws every mahalle: pixels inside are the fill colour, pixels outside the background', async () => {
    expect(data.features).toHaveLength(22);
    const screenshot = new Screenshot(await page.screenshot());
    const samples = await samplePoints(page, await screenPolygons(page, data));
    await screenshotOnFailure(page, `map-pixels-${engine}`, () => {
      for (const [name, points] of samples.inside) {
        expect(points.length, `${name}: sample points`).toBeGreaterThanOrEqual(10);
        // Labels cover up to a quarter of a small mahalle (0.75–0.98 fill with the demo data); only a
        // few antialiased text pixels come near the background colour.
        const filled = points.filter((p) => colourDistance(screenshot.at(...p), FILL) < 16).length;
        const bare = points.filter((p) => colourDistance(screenshot.at(...p), BACKGROUND) < 6).length;
        expect(filled / points.length, `${name}: share of fill-coloured pixels`).toBeGreaterThan(0.5);
        expect(bare / points.length, `${name}: share of background-coloured pixels`).toBeLessThan(0.05);
      }
      expect(samples.outside.length).toBeGreaterThan(100);
      const background = samples.outside.filter((p) => colourDistance(screenshot.at(...p), BACKGROUND) < 6).length;
      expect(background).toBe(samples.outside.length);
    });
  });

  it('fills known interior points of İnönü, Göztepe and Mahmutbey', async () => {
    const known: [string, Point][] = [['İnönü', [28.8506, 41.0291]], ['Göztepe', [28.8372, 41.061]], ['Mahmutbey', [28.8209, 41.0579]]];
    const mapBox = (await page.locator('#map').boundingBox())!;
    const polygons = await screenPolygons(page, data);
    const screenshot = new Screenshot(await page.screenshot());
    await screenshotOnFailure(page, `map-known-points-${engine}`, async () => {
      for (const [name, lngLat] of known) {
        const q = await page.evaluate((p) => window.__kbs!.map.project(p), lngLat);
        const p: Point = [mapBox.x + q.x, mapBox.y + q.y];
        // The point is really inside that mahalle (else the check below would prove nothing) …
        expect(inside(p, polygons.get(name)!), `${name}: ${lngLat.join(',')} inside its polygon`).toBe(true);
        // … and on screen it is painted: fill, outline or label, but not the bare background.
        expect(colourDistance(screenshot.at(...p), BACKGROUND), `${name}: pixel at ${p.map(Math.round).join(',')}`).toBeGreaterThan(20);
      }
    });
  });

  it('labels the 22 mahalle with their Turkish names, every letter in the font atlas', async () => {
    const texts = await page.evaluate(() => window.__kbs!.labels());
    const labels = await page.evaluate(() => window.__kbs!.labelAnchors());
    expect(labels.map((l) => l.text)).toEqual(texts);
    expect(texts).toHaveLength(22);
    expect(new Set(texts)).toEqual(new Set(data.features.map((f) => f.properties.name)));
    expect(texts).toEqual(expect.arrayContaining(['İnönü', 'Güneşli', '15 Temmuz', 'Çınar', 'Yıldıztepe', 'Kemalpaşa', 'Bağlar']));
    // deck.gl warns "Missing character" for any letter its atlas lacks.
    expect(loaded.consoleMessages.filter((m) => /missing character/i.test(m))).toEqual([]);

    // Each label put dark text pixels around its anchor: the label colour is darker than the outline.
    const screenshot = new Screenshot(await page.screenshot());
    const mapBox = (await page.locator('#map').boundingBox())!;
    const anchors = await page.evaluate((ls) => ls.map((l) => {
      const q = window.__kbs!.map.project(l.position);
      return [q.x, q.y] as [number, number];
    }), labels);
    const isText = ([r, g, b]: Rgb) => r < 60 && g < 70 && b < 110;
    await screenshotOnFailure(page, `map-labels-${engine}`, () => {
      labels.forEach((label, i) => {
        const [x, y] = [mapBox.x + anchors[i]![0], mapBox.y + anchors[i]![1]];
        let dark = 0;
        for (let dy = -10; dy <= 10; dy++) for (let dx = -30; dx <= 30; dx++) if (isText(screenshot.at(x + dx, y + dy))) dark++;
        // 100 to 330 with the demo data; 45 px lower, away from any label, 0.
        expect(dark, `text pixels of "${label.text}" around ${Math.round(x)},${Math.round(y)}`).toBeGreaterThanOrEqual(40);
      });
    });
  });

  it('shows name and population on hover, and switches the interface to English and back', async () => {
    const inonu = (await page.evaluate(() => window.__kbs!.labelAnchors())).find((l) => l.text === 'İnönü')!;
    const mapBox = (await page.locator('#map').boundingBox())!;
    const anchor = await page.evaluate((p) => window.__kbs!.map.project(p), inonu.position);
    const population = data.features.find((f) => f.properties.name === 'İnönü')!.properties.population;
    await screenshotOnFailure(page, `map-hover-${engine}`, async () => {
      await page.mouse.move(mapBox.x + anchor.x, mapBox.y + anchor.y);
      await page.waitForSelector('#tooltip:not([hidden])');
      expect(await page.textContent('#tooltip')).toBe(`İnönüNüfus: ${new Intl.NumberFormat('tr-TR').format(population)}`);

      await page.click('button[data-lang="en"]');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toBe('Bağcılar City Information System');
      expect(await page.getAttribute('.maplibregl-ctrl-zoom-in', 'title')).toBe('Zoom in');
      await page.mouse.move(mapBox.x + anchor.x + 1, mapBox.y + anchor.y + 1);
      await page.waitForFunction(() => document.getElementById('tooltip')!.textContent!.includes('Population'));
      expect(await page.textContent('#tooltip')).toBe(`İnönüPopulation: ${new Intl.NumberFormat('en-GB').format(population)}`);

      await page.click('button[data-lang="tr"]');
      expect(await page.textContent('h1')).toBe('Bağcılar Kent Bilgi Sistemi');
      expect(await page.getAttribute('.maplibregl-ctrl-zoom-in', 'title')).toBe('Yakınlaştır');
      await page.mouse.move(mapBox.x + 2, mapBox.y + 2);
      await page.waitForSelector('#tooltip', { state: 'hidden' });
    });
  });
});

/*
 * A configured online basemap (BASEMAPS) pointing at a tile server the test starts on loopback, which
 * answers every tile with one known colour. The server writes the basemap into the page; the offline
 * style stays the default until the switcher (or the URL) names the basemap. Web-only behaviour: one
 * engine is enough.
 */
describe.runIf(HAS_CHROMIUM)('a configured basemap', () => {
  const TILE_COLOUR: Rgb = [200, 60, 140];
  let tileServer: http.Server;
  let tiles: string;
  const tileRequests: string[] = [];
  let platform: Platform;
  let browser: TestBrowser;
  let loaded: LoadedPage;
  let data: Neighbourhoods;

  beforeAll(async () => {
    const tile = solidPng(256, 256, TILE_COLOUR);
    tileServer = http.createServer((request, response) => {
      tileRequests.push(request.url ?? '');
      // MapLibre fetches tiles across origins: without CORS the tile could not reach WebGL.
      response.writeHead(/^\/\d+\/\d+\/\d+\.png$/.test(request.url ?? '') ? 200 : 404, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' });
      response.end(tile);
    });
    await new Promise<void>((resolve) => tileServer.listen(0, '127.0.0.1', resolve));
    tiles = `http://127.0.0.1:${(tileServer.address() as AddressInfo).port}`;
    [platform, browser] = await Promise.all([startPlatform({ env: { BASEMAPS: `Deneme|${tiles}/{z}/{x}/{y}.png` } }), launchBrowser()]);
    data = (await (await fetch(`${platform.url}/api/neighbourhoods`)).json()) as Neighbourhoods;
    loaded = await openMap(browser, `${platform.url}/?l=-choropleth`, 'map-basemap');
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    await new Promise((resolve) => tileServer?.close(resolve));
  });

  it('lists the offline default and the configured basemap, and shows the default without any tile request', async () => {
    const { page } = loaded;
    expect(await page.isVisible('#basemap-picker')).toBe(true);
    expect(await page.$$eval('#basemap option', (os) => (os as HTMLOptionElement[]).map((o) => [o.value, o.textContent]))).toEqual([['', 'Sade (çevrimdışı)'], ['Deneme', 'Deneme']]);
    expect(await page.inputValue('#basemap')).toBe('');
    expect(tileRequests).toEqual([]);
    expect(loaded.pageErrors).toEqual([]);
  });

  it('draws the chosen basemap under the mahalle, keeps it in the URL, and none when the default is chosen again', async () => {
    const { page } = loaded;
    const underBasemap = blend(TILE_COLOUR, 0.85, BACKGROUND);
    await screenshotOnFailure(page, 'map-basemap', async () => {
      await page.selectOption('#basemap', 'Deneme');
      await page.waitForSelector('html[data-map-state="idle"]');
      // Sampled now: the attribution control has grown by the basemap's name.
      const samples = await samplePoints(page, await screenPolygons(page, data));
      expect(tileRequests.length).toBeGreaterThan(0);
      expect(new URL(page.url()).searchParams.get('b')).toBe('Deneme');
      let screenshot = new Screenshot(await page.screenshot());
      const tinted = samples.outside.filter((p) => colourDistance(screenshot.at(...p), underBasemap) < 12).length;
      expect(tinted).toBe(samples.outside.length);
      // The mahalle fill is drawn over the tiles, not under them.
      const inonu = samples.inside.get('İnönü')!;
      const overBasemap = blend(rgb(COLOURS.fill), FILL_OPACITY, underBasemap);
      expect(inonu.filter((p) => colourDistance(screenshot.at(...p), overBasemap) < 16).length / inonu.length).toBeGreaterThan(0.5);

      // The link reproduces it.
      await page.reload();
      await page.waitForSelector('html[data-map-state="idle"]');
      expect(await page.inputValue('#basemap')).toBe('Deneme');
      screenshot = new Screenshot(await page.screenshot());
      expect(colourDistance(screenshot.at(...samples.outside[0]!), underBasemap)).toBeLessThan(12);

      await page.selectOption('#basemap', '');
      await page.waitForSelector('html[data-map-state="idle"]');
      expect(new URL(page.url()).searchParams.has('b')).toBe(false);
      screenshot = new Screenshot(await page.screenshot());
      expect(samples.outside.filter((p) => colourDistance(screenshot.at(...p), BACKGROUND) < 6).length).toBe(samples.outside.length);
    });
  });
});
