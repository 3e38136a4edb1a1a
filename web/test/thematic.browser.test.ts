/*
 * The thematic map in Debian's headless Chromium against the whole platform, on both engines: the
 * legend against a classification computed here from the API's own numbers (not with the app's code)
 * and the URL round trip; normalising, and saving and reopening a map, on PAGE_ENGINE. No sleeps:
 * the page marks <html data-map-state="idle"> when a change is drawn.
 */
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type Page, type TestBrowser } from '../../test/support/browser';
import { ENGINES, PAGE_ENGINE } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { createUser } from '../../api/src/access/users';
import { SAVED_MAP_VERSION } from '../src/state/savedMapMigrations';
import type {} from '../src/testHooks';
import { colourDistance, edgeDistance, grid, inBox, inside, Screenshot, bboxOf, type Point, type Rgb, type ScreenPolygon } from './pixels';

type Neighbourhoods = FeatureCollection<MultiPolygon, { uavt_code: string; name: string; area_km2: number }>;
type ValueItems = { features: { properties: { uavt_code: string; year: number; value: number } }[] };

/** A drawn area as the URL holds it, and the number of areas the map shows. */
const AREA = 'p:28.83600,41.03900;28.85100,41.03950;28.85000,41.04900;28.83700,41.04800';
const selectedAreas = (page: Page) => page.evaluate(() => {
  const source = window.__kbs!.map.getSource('draw-selection') as { serialize(): { data: { features: unknown[] } } } | undefined;
  return source?.serialize().data.features.length ?? 0;
});

/** ColorBrewer YlGnBu, 5 classes (colorbrewer2.org), the default scheme. */
const YLGNBU_5 = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];

interface LegendEntry {
  lower: number;
  upper: number;
  count: number;
  colour: string;
}

async function waitIdle(page: Page): Promise<void> {
  await page.waitForSelector('html[data-map-state="idle"]');
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitIdle(page);
}

/** Makes a change in the panel and waits until the page has drawn it. */
async function changeAndWait(page: Page, action: () => Promise<unknown>): Promise<void> {
  await action();
  await page.waitForSelector('html[data-map-state="idle"]');
}

async function legend(page: Page): Promise<LegendEntry[]> {
  return page.$$eval('#choropleth-legend li[data-class]:not([data-class="-1"])', (items) => items.map((li) => ({
    lower: Number(li.getAttribute('data-lower')),
    upper: Number(li.getAttribute('data-upper')),
    count: Number(li.getAttribute('data-count')),
    colour: li.getAttribute('data-colour')!,
  })));
}

/** Nearest-rank quantile upper bounds, written out again from the definition. */
function quantileBounds(values: number[], k: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return [sorted[0]!, ...Array.from({ length: k }, (_, i) => sorted[Math.ceil((sorted.length * (i + 1)) / k) - 1]!)];
}

/** Jenks by exhaustive search over every cut into k consecutive classes (22 values, k = 5: 5,985 cuts). */
function jenksBounds(values: number[], k: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const cost = (from: number, to: number) => {
    const part = sorted.slice(from, to);
    const mean = part.reduce((a, b) => a + b, 0) / part.length;
    return part.reduce((a, b) => a + (b - mean) ** 2, 0);
  };
  let best = { cost: Infinity, ends: [] as number[] };
  const cut = (from: number, left: number, ends: number[], sum: number) => {
    if (left === 1) {
      const total = sum + cost(from, sorted.length);
      if (total < best.cost) best = { cost: total, ends: [...ends, sorted.length] };
      return;
    }
    for (let end = from + 1; end <= sorted.length - left + 1; end++) cut(end, left - 1, [...ends, end], sum + cost(from, end));
  };
  cut(0, k, [], 0);
  return [sorted[0]!, ...best.ends.map((end) => sorted[end - 1]!)];
}

function countsFor(values: number[], bounds: number[]): number[] {
  return bounds.slice(1).map((upper, i) => values.filter((v) => (i === 0 ? v <= upper : v > bounds[i]! && v <= upper)).length);
}

function hex(colour: string): [number, number, number] {
  const n = Number.parseInt(colour.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

describe.runIf(HAS_CHROMIUM).each(ENGINES)('the thematic map in Chromium on the %s engine', (engine) => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let page: Page;
  let data: Neighbourhoods;
  /** Residents per km² of the latest year, by UAVT code, from the API's numbers. */
  const density = new Map<string, number>();
  /** pop_total of the latest year, by UAVT code. */
  const population = new Map<string, number>();
  let latestYear = 0;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine }), launchBrowser({ viewport: { width: 1280, height: 800 } })]);
    data = (await (await fetch(`${platform.url}/api/neighbourhoods`)).json()) as Neighbourhoods;
    const items = (await (await fetch(`${platform.url}/ogc/collections/indicator_values/items?indicator_code=pop_total&limit=10000`)).json()) as ValueItems;
    latestYear = Math.max(...items.features.map((f) => f.properties.year));
    const area = new Map(data.features.map((f) => [f.properties.uavt_code, f.properties.area_km2]));
    for (const { properties: p } of items.features) {
      if (p.year !== latestYear) continue;
      density.set(p.uavt_code, p.value / area.get(p.uavt_code)!);
      population.set(p.uavt_code, p.value);
    }
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('`/` shows population density chosen in the layer panel, the legend matching a quantile classification of the API’s numbers', async () => {
    await open(page, platform.url);
    await screenshotOnFailure(page, `thematic-default-${engine}`, async () => {
      expect(await page.$eval('select[name="indicator"]', (s) => (s as HTMLSelectElement).value)).toBe('pop_total|km2');
      expect(await page.$eval('[data-layer-toggle="choropleth"]', (c) => (c as HTMLInputElement).checked)).toBe(true);
      expect(await page.$eval('#year-value', (o) => o.textContent)).toBe(String(latestYear));
      expect(density.size).toBe(22);
      const values = [...density.values()];
      const bounds = quantileBounds(values, 5);
      const entries = await legend(page);
      expect(entries.map((e) => e.count)).toEqual(countsFor(values, bounds));
      expect(entries.map((e) => e.count).reduce((a, b) => a + b, 0)).toBe(22);
      entries.forEach((e, i) => {
        expect(e.lower).toBeCloseTo(bounds[i]!, 6);
        expect(e.upper).toBeCloseTo(bounds[i + 1]!, 6);
        expect(e.colour).toBe(YLGNBU_5[i]);
      });
    });
  });

  it('paints each mahalle in the colour of its class', async () => {
    const values = [...density.values()];
    const bounds = quantileBounds(values, 5);
    const classOf = (v: number) => Math.max(0, bounds.slice(1).findIndex((upper) => v <= upper));
    const mapBox = (await page.locator('#map').boundingBox())!;
    const polygons = new Map<string, ScreenPolygon[]>();
    const lngLats = data.features.map((f) => f.geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [x!, y!] as Point))));
    const projected = await page.evaluate((all) => all.map((polygons) => polygons.map((rings) => rings.map((ring) => ring.map((p) => {
      const q = window.__kbs!.map.project(p);
      return [q.x, q.y] as [number, number];
    })))), lngLats);
    data.features.forEach((f, i) => polygons.set(f.properties.uavt_code, projected[i]!.map((rings) => rings.map((ring) => ring.map(([x, y]) => [x + mapBox.x, y + mapBox.y] as Point)))));
    const controls = await page.$$eval('.maplibregl-ctrl', (els) => els.map((el) => el.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }));
    const screenshot = new Screenshot(await page.screenshot());
    await screenshotOnFailure(page, `thematic-pixels-${engine}`, () => {
      for (const [code, parts] of polygons) {
        const points = grid(bboxOf(parts), 5).filter((p) => inBox(p, mapBox, -4) && !controls.some((c) => inBox(p, c, 4)) && inside(p, parts) && edgeDistance(p, parts) >= 4);
        const expected = hex(YLGNBU_5[classOf(density.get(code)!)]!);
        const share = points.filter((p) => colourDistance(screenshot.at(...p), expected) < 12).length / points.length;
        // Labels cover part of a small mahalle; the rest is the class colour.
        expect(share, `${code}: share of pixels in its class colour`).toBeGreaterThan(0.5);
      }
    });
  });

  it('shows the mapped value on hover', async () => {
    const inonu = (await page.evaluate(() => window.__kbs!.labelAnchors())).find((l) => l.text === 'İnönü')!;
    const code = data.features.find((f) => f.properties.name === 'İnönü')!.properties.uavt_code;
    const mapBox = (await page.locator('#map').boundingBox())!;
    const anchor = await page.evaluate((p) => window.__kbs!.map.project(p), inonu.position);
    await page.mouse.move(mapBox.x + anchor.x, mapBox.y + anchor.y);
    await page.waitForSelector('#tooltip:not([hidden])');
    const expected = `Nüfus yoğunluğu (kişi/km²), ${latestYear}: ${new Intl.NumberFormat('tr-TR', { maximumFractionDigits: 0 }).format(density.get(code)!)}`;
    expect(await page.textContent('#tooltip')).toContain(expected);
    await page.mouse.move(mapBox.x + 2, mapBox.y + 2);
    await page.waitForSelector('#tooltip', { state: 'hidden' });
  });

  it('switches to natural breaks: the legend follows an exhaustive Jenks search', async () => {
    await changeAndWait(page, () => page.selectOption('select[name="method"]', 'jenks'));
    const values = [...density.values()];
    const bounds = jenksBounds(values, 5);
    const entries = await legend(page);
    expect(entries.map((e) => e.count)).toEqual(countsFor(values, bounds));
    entries.forEach((e, i) => expect(e.upper).toBeCloseTo(bounds[i + 1]!, 6));
    expect(new URL(page.url()).searchParams.get('c')).toBe('jenks.5.YlGnBu');
  });

  it.runIf(engine === PAGE_ENGINE)('maps per 1,000 residents: the legend follows unemployed ÷ pop_total × 1,000 from the API', async () => {
    const second = await browser.newPage();
    try {
      await open(second, page.url());
      await changeAndWait(second, () => second.selectOption('select[name="indicator"]', 'unemployed'));
      await changeAndWait(second, () => second.selectOption('select[name="normalisation"]', 'per1000'));
      const items = (await (await fetch(`${platform.url}/ogc/collections/indicator_values/items?indicator_code=unemployed&limit=10000`)).json()) as ValueItems;
      const values = items.features.filter((f) => f.properties.year === latestYear).map((f) => (f.properties.value / population.get(f.properties.uavt_code)!) * 1000);
      expect(values).toHaveLength(22);
      const bounds = jenksBounds(values, 5);
      const entries = await legend(second);
      expect(entries.map((e) => e.count)).toEqual(countsFor(values, bounds));
      entries.forEach((e, i) => expect(e.upper).toBeCloseTo(bounds[i + 1]!, 6));
      const q = new URL(second.url()).searchParams;
      expect([q.get('i'), q.get('n')]).toEqual(['unemployed', 'per1000']);
    } finally {
      await second.close();
    }
  });

  // The URL is the page's state: once, on PAGE_ENGINE.
  it.runIf(engine === PAGE_ENGINE)('round-trips the URL: the same URL after a load, a new URL after a change, the same legend after a reload', async () => {
    const first = page.url();
    const second = await browser.newPage();
    try {
      await open(second, first);
      expect(second.url()).toBe(first);
      const before = await legend(second);
      await changeAndWait(second, () => second.selectOption('select[name="classes"]', '7'));
      const changed = second.url();
      expect(changed).not.toBe(first);
      expect(new URL(changed).searchParams.get('c')).toBe('jenks.7.YlGnBu');
      const sevenClasses = await legend(second);
      expect(sevenClasses).toHaveLength(7);
      expect(before).toHaveLength(5);
      await second.reload();
      await waitIdle(second);
      expect(second.url()).toBe(changed);
      expect(await legend(second)).toEqual(sevenClasses);
      expect(await second.$eval('select[name="classes"]', (s) => (s as HTMLSelectElement).value)).toBe('7');
    } finally {
      await second.close();
    }
  });

  it.runIf(engine === PAGE_ENGINE)('saves a map under a name, with a drawn area, and opens it again', async () => {
    await createUser(platform.db.knex, { username: `analist-${engine}`, display_name: 'Analist', role: 'analyst', password: 'analist-password-1' });
    const context = await browser.newPage();
    try {
      const login = await context.request.post(`${platform.url}/api/auth/login`, { data: { username: `analist-${engine}`, password: 'analist-password-1' } });
      expect(login.status()).toBe(200);
      await open(context, `${platform.url}/?c=jenks.6.PuOr&i=unemployment_rate&y=2020&a=${AREA}`);
      await context.waitForSelector('#saved-map-name');
      const saved = await legend(context);
      expect(saved).toHaveLength(6);
      await context.fill('#saved-map-name', 'İşsizlik 2020');
      await context.check('#saved-map-shared');
      await context.click('#saved-map-save');
      await context.waitForSelector('#saved-map-status[data-saved-id]');
      const id = await context.getAttribute('#saved-map-status', 'data-saved-id');
      const stored = await (await context.request.get(`${platform.url}/api/maps/${id}`)).json() as { name: string; shared: boolean; schema_version: number };
      expect([stored.name, stored.shared, stored.schema_version]).toEqual(['İşsizlik 2020', true, SAVED_MAP_VERSION]);

      // A fresh page shows the default map; opening the saved one brings its state back.
      await open(context, platform.url);
      expect(await legend(context)).toHaveLength(5);
      expect(await context.isHidden('#draw-results')).toBe(true);
      expect(await selectedAreas(context)).toBe(0);
      await context.selectOption('#saved-map-list', id!);
      await context.click('#saved-map-open');
      // The map is fetched first: the state (and the URL) change only then, and the page is busy until drawn.
      await context.waitForFunction(() => new URL(location.href).searchParams.get('c') === 'jenks.6.PuOr');
      await waitIdle(context);
      expect(await legend(context)).toEqual(saved);
      const q = new URL(context.url()).searchParams;
      expect([q.get('c'), q.get('i'), q.get('y'), q.get('a')]).toEqual(['jenks.6.PuOr', 'unemployment_rate', '2020', AREA]);
      // Its drawn area is back on the map with its figures, without a reload.
      await context.waitForSelector('#draw-results-body[data-area-state="ready"]');
      expect(await selectedAreas(context)).toBe(1);

      // A map stored by schema version 1 (visibility flags, a layer that is gone) opens through its migration.
      const [{ id: oldId }] = await platform.db.knex('maps.saved_maps').insert({
        name: 'Eski harita', owner: `user:analist-${engine}`, shared: false, schema_version: 1,
        document: JSON.stringify({ version: 1, center: [28.85, 41.03], zoom: 13, layers: { labels: true, districts: true, boundaries: false, choropleth: true }, indicator: 'households', year: 2022, normalised: true, classification: { method: 'equal', classes: 4, scheme: 'Purples' } }),
      }).returning('id');
      await open(context, platform.url);
      await context.selectOption('#saved-map-list', String(oldId));
      await context.click('#saved-map-open');
      await context.waitForFunction(() => new URL(location.href).searchParams.get('c') === 'equal.4.Purples');
      await waitIdle(context);
      const old = new URL(context.url()).searchParams;
      expect([old.get('i'), old.get('y'), old.get('n'), old.get('l'), old.get('v')]).toEqual(['households', '2022', 'km2', 'labels,-facilities,-requests,-boundaries,choropleth', '28.85000,41.03000,13.00,0,0']);
      expect(await legend(context)).toHaveLength(4);
    } finally {
      await context.close();
    }
  });
});

describe.runIf(HAS_CHROMIUM)('the layer panel on a 390 px phone, by keyboard', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine: PAGE_ENGINE }), launchBrowser({ viewport: { width: 390, height: 800 } })]);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('opens the panel from the header and turns the facilities on with the keyboard, nothing wider than the screen', async () => {
    const page = await browser.newPage();
    await open(page, platform.url);
    await screenshotOnFailure(page, 'thematic-phone', async () => {
      expect(await page.isVisible('#panel')).toBe(false);
      await page.focus('#panel-toggle');
      await page.keyboard.press('Enter');
      expect(await page.isVisible('#panel')).toBe(true);
      expect(await page.getAttribute('#panel-toggle', 'aria-expanded')).toBe('true');
      await page.focus('[data-layer-toggle="facilities"]');
      await changeAndWait(page, () => page.keyboard.press('Space'));
      expect(await page.$eval('[data-layer-toggle="facilities"]', (c) => (c as HTMLInputElement).checked)).toBe(true);
      // The focus stays on the control after the panel is redrawn.
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.focus)).toBe('toggle-facilities');
      expect(await page.$$eval('.categories li', (l) => l.length)).toBeGreaterThanOrEqual(10);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const panel = (await page.locator('#panel').boundingBox())!;
      expect(panel.width).toBeLessThanOrEqual(390);
    });
  });
});

/* The panel's other controls change the map and the URL; web-only behaviour, one engine. */
describe.runIf(HAS_CHROMIUM)('the layer panel’s controls', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let page: Page;
  const param = (name: string) => new URL(page.url()).searchParams.get(name);
  // The style's own order: getStyle() leaves out custom layers such as deck.gl's label group.
  const styleOrder = () => page.evaluate(() => (window.__kbs!.map as unknown as { style: { _order: string[] } }).style._order);

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine: PAGE_ENGINE }), launchBrowser({ viewport: { width: 1280, height: 800 } })]);
    page = await browser.newPage();
    await open(page, platform.url);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('classifies by manual breaks typed into the panel', async () => {
    const neighbourhoods = (await (await fetch(`${platform.url}/api/neighbourhoods`)).json()) as Neighbourhoods;
    const items = (await (await fetch(`${platform.url}/ogc/collections/indicator_values/items?indicator_code=pop_total&limit=10000`)).json()) as ValueItems;
    const latest = Math.max(...items.features.map((f) => f.properties.year));
    const area = new Map(neighbourhoods.features.map((f) => [f.properties.uavt_code, f.properties.area_km2]));
    const values = items.features.filter((f) => f.properties.year === latest).map((f) => f.properties.value / area.get(f.properties.uavt_code)!);
    await changeAndWait(page, () => page.selectOption('select[name="method"]', 'manual'));
    await page.fill('[data-focus="manual"]', '30000; 45.000,5');
    await changeAndWait(page, () => page.press('[data-focus="manual"]', 'Enter'));
    const bounds = [Math.min(...values), 30000, 45000.5, Math.max(...values)];
    const entries = await legend(page);
    expect(entries.map((e) => e.upper)).toEqual(bounds.slice(1));
    expect(entries.map((e) => e.count)).toEqual(countsFor(values, bounds));
    expect(param('m')).toBe('30000,45000.5');
    expect(param('c')).toBe('manual.5.YlGnBu');
  });

  it('plays the years and pauses', async () => {
    const latest = await page.$eval('#year-value', (o) => Number(o.textContent));
    await page.click('button.play');
    await page.waitForFunction((y) => new URL(location.href).searchParams.get('y') !== null && new URL(location.href).searchParams.get('y') !== String(y), latest);
    await page.click('button.play');
    expect(await page.getAttribute('button.play', 'aria-pressed')).toBe('false');
    await waitIdle(page);
    const year = param('y');
    expect(Number(year)).toBeLessThan(latest);
    expect(await page.$eval('#year-value', (o) => o.textContent)).toBe(year);
  });

  it('moves the thematic layer to the top, and the labels follow the order', async () => {
    // One step up per layer above it; the button is disabled at the top.
    const above = await page.locator('[data-layer-toggle]').evaluateAll((els) => els.findIndex((el) => el.getAttribute('data-layer-toggle') === 'choropleth'));
    expect(above).toBeGreaterThan(1);
    for (let i = 0; i < above; i++) await changeAndWait(page, () => page.click('[data-focus="up-choropleth"]'));
    expect(param('l')!.split(',')[0]).toBe('choropleth');
    expect(await page.isDisabled('[data-focus="up-choropleth"]')).toBe(true);
    const order = await styleOrder();
    expect(order.indexOf('choropleth-fill')).toBeGreaterThan(order.indexOf('neighbourhoods-outline'));
    // deck.gl's label group now sits right under the thematic layer.
    const labels = order.findIndex((id) => id.startsWith('deck-layer-group'));
    expect(labels).toBeGreaterThan(order.indexOf('neighbourhoods-outline'));
    expect(labels).toBeLessThan(order.indexOf('choropleth-extrusion'));
    await changeAndWait(page, () => page.click('[data-focus="down-choropleth"]'));
    expect(param('l')!.split(',')[1]).toBe('choropleth');
  });

  it('sets opacity with the arrow keys', async () => {
    await page.focus('[data-focus="opacity-choropleth"]');
    await changeAndWait(page, () => page.keyboard.press('ArrowLeft'));
    await changeAndWait(page, () => page.keyboard.press('ArrowLeft'));
    expect(param('l')).toContain('choropleth~90');
    expect(await page.evaluate(() => window.__kbs!.map.getPaintProperty('choropleth-fill', 'fill-opacity'))).toBeCloseTo(0.9, 6);
  });

  it('filters the facilities by category', async () => {
    await changeAndWait(page, () => page.check('[data-layer-toggle="facilities"]'));
    await changeAndWait(page, () => page.uncheck('input[data-category="park"]'));
    const allowed = param('f.facility')!.split(',');
    expect(allowed).not.toContain('park');
    expect(allowed).toContain('school');
    const filter = await page.evaluate(() => window.__kbs!.map.getFilter('facilities-icons'));
    expect(JSON.stringify(filter)).not.toContain('"park"');
    expect(JSON.stringify(filter)).toContain('"school"');
  });

  it('draws each facility as its category’s icon, in the colour the legend shows', async () => {
    const items = (await (await fetch(`${platform.url}/ogc/collections/facilities/items?category=health_centre&limit=1`)).json()) as { features: { geometry: { coordinates: [number, number] } }[] };
    const at = items.features[0]!.geometry.coordinates;
    // A page of its own, in the streets at a health centre (the icon at its full 24 px), facilities on.
    const street = await browser.newPage();
    try {
      await open(street, `${platform.url}/?l=labels,facilities,-requests,boundaries,choropleth&v=${at[0].toFixed(5)},${at[1].toFixed(5)},17.00,0,0`);
      const categories = await street.$$eval('.categories input[data-category]', (boxes) => boxes.map((b) => (b as HTMLInputElement).dataset.category!));
      expect(categories.length).toBeGreaterThanOrEqual(10);
      expect(await street.evaluate((names) => names.filter((c) => !window.__kbs!.map.hasImage(`facility-${c}`)), categories)).toEqual([]);
      const colour = await street.$eval('.categories li:has(input[data-category="health_centre"]) img', (img) => (img as HTMLElement).dataset.colour!);
      const mapBox = (await street.locator('#map').boundingBox())!;
      const centre = await street.evaluate((p) => window.__kbs!.map.project(p), at);
      const screenshot = new Screenshot(await street.screenshot());
      const px = (dx: number, dy: number) => screenshot.at(Math.round(mapBox.x + centre.x + dx), Math.round(mapBox.y + centre.y + dy));
      await screenshotOnFailure(street, 'thematic-facility-icon', () => {
        // A white cross on a disc of the category's colour.
        for (const [dx, dy] of [[-4, -4], [4, -4], [-4, 4], [4, 4]] as const) expect(colourDistance(px(dx, dy), hex(colour)), `disc at ${dx},${dy}`).toBeLessThan(12);
        for (const [dx, dy] of [[0, 0], [0, -5], [5, 0]] as const) expect(colourDistance(px(dx, dy), [255, 255, 255] as Rgb), `cross at ${dx},${dy}`).toBeLessThan(12);
      });
    } finally {
      await street.close();
    }
  });

  it('selects a mahalle by clicking it', async () => {
    // Off, so that the click lands on the mahalle and not on a facility's icon (which would open the facility).
    await changeAndWait(page, () => page.uncheck('[data-layer-toggle="facilities"]'));
    const inonu = (await page.evaluate(() => window.__kbs!.labelAnchors())).find((l) => l.text === 'İnönü')!;
    const mapBox = (await page.locator('#map').boundingBox())!;
    const anchor = await page.evaluate((p) => window.__kbs!.map.project(p), inonu.position);
    await changeAndWait(page, () => page.mouse.click(mapBox.x + anchor.x, mapBox.y + anchor.y));
    const code = (await (await fetch(`${platform.url}/api/neighbourhoods`)).json() as Neighbourhoods).features.find((f) => f.properties.name === 'İnönü')!.properties.uavt_code;
    expect(param('s')).toBe(`mahalle:${code}`);
  });

  it('extrudes the classes in 3D', async () => {
    await changeAndWait(page, () => page.check('[data-focus="extrude"]'));
    const state = await page.evaluate(() => ({
      fill: window.__kbs!.map.getLayoutProperty('choropleth-fill', 'visibility'),
      extrusion: window.__kbs!.map.getLayoutProperty('choropleth-extrusion', 'visibility'),
      pitch: window.__kbs!.map.getPitch(),
    }));
    expect(state).toEqual({ fill: 'none', extrusion: 'visible', pitch: 50 });
    expect(param('x')).toBe('1');
    expect(param('v')!.split(',')[4]).toBe('50');
  });
});
