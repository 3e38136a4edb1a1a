/*
 * The digital twin viewer in Debian's headless Chromium against the whole platform, on both engines.
 * No sleeps: the page says what it shows through data attributes on #twin-panel
 * (data-twin-state="ready", data-twin-capture, data-twin-bearing) and window.__kbsTwin; the cone is
 * read back from the map's GeoJSON source; pixels come from screenshots.
 */
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type Page, type TestBrowser } from '../../test/support/browser';
import { ENGINES, PAGE_ENGINE } from '../../test/support/engines';
import { startPlatform } from '../../test/support/platform';
import { coneOf, distanceMetres, samePlaceOtherDate, turnBetween, type LngLat } from '../src/twin/geometry';
import type {} from '../src/testHooks';
import type {} from '../src/twin/twin';
import { colourDistance, Screenshot, type Rgb } from './pixels';

if (!HAS_CHROMIUM) console.warn('Debian chromium is not installed: the browser tests are skipped (apt-get install chromium).');

type Platform = Awaited<ReturnType<typeof startPlatform>>;
type CaptureFeature = Feature<Point, { sequence_id: string; heading: number; pitch: number; roll: number }>;

/** The red of the "N" on the demo panoramas (data/src/generate/panorama.ts NORTH_COLOUR). */
const NORTH: Rgb = [230, 30, 30];
const PANEL = '#twin-panel';

interface Opened {
  page: Page;
  requests: string[];
  errors: string[];
}

async function openPage(browser: TestBrowser, url: string, name: string): Promise<Opened> {
  const page = await browser.newPage();
  const opened: Opened = { page, requests: [], errors: [] };
  page.on('request', (r) => opened.requests.push(r.url()));
  page.on('pageerror', (e) => opened.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') opened.errors.push(m.text());
  });
  pageErrors.set(page, opened.errors);
  await page.goto(url);
  await screenshotOnFailure(page, name, () => page.waitForSelector('html[data-map-state="idle"]'));
  return opened;
}

const pageErrors = new WeakMap<Page, string[]>();

/**
 * Waits until the panel shows `capture` ready (or, with a prefix ending in '-', any capture starting
 * with it); fails at once, with the page's errors, when the panel reports an error.
 */
async function waitReady(page: Page, capture: string, name: string): Promise<void> {
  await screenshotOnFailure(page, name, async () => {
    await page.waitForFunction((id) => {
      const panel = document.querySelector<HTMLElement>('#twin-panel');
      const shown = panel?.dataset.twinCapture ?? '';
      return panel?.dataset.twinState === 'error' || (panel?.dataset.twinState === 'ready' && (id.endsWith('-') ? shown.startsWith(id) : shown === id));
    }, capture);
    const state = await page.getAttribute('#twin-panel', 'data-twin-state');
    if (state !== 'ready') throw new Error(`the twin panel reports "${state}": ${await page.textContent('#twin-panel .twin-status')}; errors: ${(pageErrors.get(page) ?? []).join(' | ') || 'none'}`);
  });
}

async function cone(page: Page): Promise<{ apex: LngLat; bearing: number; fov: number }> {
  const data = await page.evaluate(() => window.__kbsTwin!.coneData());
  const polygons = data.features.filter((f) => f.geometry.type === 'Polygon');
  expect(polygons).toHaveLength(1);
  return coneOf(polygons[0]!.geometry as Polygon);
}

/** Waits until the panel reports the viewer looking at `bearing` (degrees, to 0.05°). */
async function waitBearing(page: Page, bearing: number): Promise<void> {
  await page.waitForFunction((b) => {
    const shown = Number(document.querySelector<HTMLElement>('#twin-panel')!.dataset.twinBearing);
    return Math.abs(((((shown - b) % 360) + 540) % 360) - 180) < 0.05;
  }, bearing);
}

/** Turns the viewer through its own API and resolves after the frame that shows it. */
async function turnViewer(page: Page, bearing: number): Promise<void> {
  await page.evaluate((b) => new Promise<void>((resolve) => {
    const viewer = window.__kbsTwin!.viewer()!;
    viewer.addEventListener('render', () => resolve(), { once: true });
    viewer.rotate({ yaw: (b * Math.PI) / 180, pitch: 0 });
  }), bearing);
  await waitBearing(page, bearing);
}

/**
 * Pixels of the "N" colour in the upper half of the viewer: how many, how many within `band` px of its
 * vertical centre line, and how far their mean lies from that line (px).
 */
async function northPixels(page: Page, band: number): Promise<{ centre: number; anywhere: number; offset: number }> {
  const box = (await page.locator('.twin-viewer').boundingBox())!;
  const shot = new Screenshot(await page.screenshot());
  let centre = 0;
  let anywhere = 0;
  let sum = 0;
  const midX = box.x + box.width / 2;
  for (let y = Math.ceil(box.y); y < box.y + box.height / 2; y += 2) {
    for (let x = Math.ceil(box.x); x < box.x + box.width; x += 2) {
      if (colourDistance(shot.at(x, y), NORTH) < 30) {
        anywhere++;
        sum += x - midX;
        if (Math.abs(x - midX) <= band) centre++;
      }
    }
  }
  return { centre, anywhere, offset: anywhere ? sum / anywhere : NaN };
}

describe.runIf(HAS_CHROMIUM).each(ENGINES)('the digital twin in Chromium on the %s engine', (engine) => {
  let platform: Platform;
  let browser: TestBrowser;
  let opened: Opened;
  let page: Page;
  const item = async (id: string) => (await (await fetch(`${platform.url}/ogc/collections/panoramas/items/${id}`)).json()) as CaptureFeature;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine }), launchBrowser({ viewport: { width: 1280, height: 800 } })]);
    opened = await openPage(browser, platform.url, `twin-${engine}`);
    page = opened.page;
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('opens the viewer on a click on a capture point, loading the viewer code only then', async () => {
    expect(opened.requests.filter((u) => /\/assets\/viewer-/.test(u))).toEqual([]);
    const capture = await item('seq-02-0030');
    const position = capture.geometry.coordinates as LngLat;
    // Close in on the capture and wait until its point is drawn from the tiles.
    await page.evaluate((p) => window.__kbs!.map.jumpTo({ center: p, zoom: 18 }), position);
    await screenshotOnFailure(page, `twin-point-${engine}`, () => page.waitForFunction((p) => {
      const map = window.__kbs!.map;
      return map.loaded() && map.queryRenderedFeatures(map.project(p), { layers: ['twin-capture-points'] }).some((f) => f.properties.id === 'seq-02-0030');
    }, position));
    const mapBox = (await page.locator('#map').boundingBox())!;
    const q = await page.evaluate((p) => window.__kbs!.map.project(p), position);
    const clicked = Date.now();
    await page.mouse.click(mapBox.x + q.x, mapBox.y + q.y);
    await waitReady(page, 'seq-02-0030', `twin-open-${engine}`);
    console.log(`[browser] first panorama ready ${Date.now() - clicked} ms after the click, viewer code included (${engine})`);

    expect(opened.requests.some((u) => /\/assets\/viewer-[\w-]+\.js$/.test(u))).toBe(true);
    expect(opened.requests.some((u) => u.endsWith('/api/panoramas/seq-02-0030/image'))).toBe(true);
    // Beside the map: the map's right edge meets the panel's left edge.
    const [map, panel] = [(await page.locator('#map').boundingBox())!, (await page.locator(PANEL).boundingBox())!];
    expect(Math.abs(map.x + map.width - panel.x)).toBeLessThanOrEqual(1);
    expect(panel.width).toBeGreaterThan(500);

    // The cone stands on the capture and looks along its heading at first.
    const c = await cone(page);
    expect(distanceMetres(c.apex, position)).toBeLessThan(0.01);
    expect(Math.abs(turnBetween(c.bearing, capture.properties.heading))).toBeLessThan(0.5);
    const hFov = await page.evaluate(() => window.__kbsTwin!.viewer()!.state.hFov);
    expect(c.fov).toBeCloseTo(hFov, 1);
    expect(hFov).toBeGreaterThan(30);
    expect(opened.errors).toEqual([]);
  });

  it('turns the cone by the angle the viewer turns, through its API and by arrow keys', async () => {
    await screenshotOnFailure(page, `twin-turn-${engine}`, async () => {
      const before = await cone(page);
      const target = (before.bearing + 60) % 360;
      await turnViewer(page, target);
      const after = await cone(page);
      expect(turnBetween(before.bearing, after.bearing)).toBeCloseTo(60, 1);
      expect(after.apex).toEqual(before.apex);

      await page.focus('.twin-viewer');
      await page.keyboard.press('ArrowRight');
      await waitBearing(page, (target + 15) % 360);
      expect(turnBetween(after.bearing, (await cone(page)).bearing)).toBeCloseTo(15, 1);
      await page.keyboard.press('ArrowLeft');
      await waitBearing(page, target);
      expect(turnBetween(after.bearing, (await cone(page)).bearing)).toBeCloseTo(0, 1);

      // Zooming in narrows the cone to the viewer's new field of view; zooming out widens it again.
      const wide = after.fov;
      await page.keyboard.press('+');
      await page.waitForFunction((w) => Number(document.querySelector<HTMLElement>('#twin-panel')!.dataset.twinFov) < w - 1, wide);
      const narrow = await cone(page);
      expect(narrow.fov).toBeCloseTo(await page.evaluate(() => window.__kbsTwin!.viewer()!.state.hFov), 1);
      expect(narrow.fov).toBeLessThan(wide - 1);
      expect(turnBetween(narrow.bearing, target)).toBeCloseTo(0, 1);
      await page.keyboard.press('-');
      await page.waitForFunction((w) => Math.abs(Number(document.querySelector<HTMLElement>('#twin-panel')!.dataset.twinFov) - w) < 0.1, wide);
      expect((await cone(page)).fov).toBeCloseTo(wide, 1);
    });
  });

  it('shows north where the map has north: the red "N" is ahead when the viewer looks north, and not when it looks south', async () => {
    await screenshotOnFailure(page, `twin-north-${engine}`, async () => {
      await turnViewer(page, 0);
      expect(Math.abs(turnBetween((await cone(page)).bearing, 0))).toBeLessThan(0.1);
      // The "N" is about 75 px wide here (600 red pixels at every other pixel); its middle lies within
      // 12 px (under 2°) of the view's centre line. The capture's pitch and roll, undone by the
      // viewer, move letters above the horizon by a few pixels.
      const north = await northPixels(page, 60);
      expect(north.anywhere).toBeGreaterThan(300);
      expect(north.centre).toBe(north.anywhere);
      expect(Math.abs(north.offset)).toBeLessThan(12);
      await turnViewer(page, 180);
      expect((await northPixels(page, 60)).anywhere).toBe(0);
      // Looking east, north is a quarter turn to the left: out of a 90° view, or at its left edge.
      await turnViewer(page, 90);
      expect((await northPixels(page, 60)).centre).toBe(0);
    });
  });

  it('moves along the sequence with the arrow keys and the buttons, the map following, the heading kept', async () => {
    const bearing = 90;
    await page.focus('.twin-viewer');
    const pressed = Date.now();
    await page.keyboard.press('ArrowUp');
    await waitReady(page, 'seq-02-0031', `twin-next-${engine}`);
    console.log(`[browser] next capture ready ${Date.now() - pressed} ms after the key (${engine})`);
    const next = await item('seq-02-0031');
    const centre = await page.evaluate(() => window.__kbs!.map.getCenter().toArray() as [number, number]);
    expect(distanceMetres(centre, next.geometry.coordinates as LngLat)).toBeLessThan(0.5);
    let c = await cone(page);
    expect(distanceMetres(c.apex, next.geometry.coordinates as LngLat)).toBeLessThan(0.01);
    expect(Math.abs(turnBetween(c.bearing, bearing))).toBeLessThan(0.5);

    await page.keyboard.press('ArrowDown');
    await waitReady(page, 'seq-02-0030', `twin-previous-${engine}`);
    await page.click(`${PANEL} button[data-twin="previous"]`);
    await waitReady(page, 'seq-02-0029', `twin-previous-button-${engine}`);
    c = await cone(page);
    expect(distanceMetres(c.apex, (await item('seq-02-0029')).geometry.coordinates as LngLat)).toBeLessThan(0.01);
    expect(Math.abs(turnBetween(c.bearing, bearing))).toBeLessThan(0.5);
    await page.click(`${PANEL} button[data-twin="next"]`);
    await waitReady(page, 'seq-02-0030', `twin-next-button-${engine}`);
  });

  it('opens a link at its capture and heading; the date switch shows the other date at the same heading', async () => {
    const link = await openPage(browser, `${platform.url}/?capture=seq-01-0050&heading=135`, `twin-link-${engine}`);
    const p = link.page;
    try {
      await waitReady(p, 'seq-01-0050', `twin-link-ready-${engine}`);
      const original = await item('seq-01-0050');
      let c = await cone(p);
      expect(Math.abs(turnBetween(c.bearing, 135))).toBeLessThan(0.5);
      expect(distanceMetres(c.apex, original.geometry.coordinates as LngLat)).toBeLessThan(0.01);
      expect(await p.$$eval('#twin-date option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['seq-05', 'seq-01']);
      expect(await p.textContent('#twin-date option[value="seq-05"]')).toBe('20 Haziran 2022');

      // The capture of 2022 that the switch must land on: the one nearest this capture.
      const older = (await (await fetch(`${platform.url}/ogc/collections/panoramas/items?sequence_id=seq-05&limit=10000`)).json()) as FeatureCollection<Point>;
      const expected = samePlaceOtherDate(
        { id: 'seq-01-0050', sequenceId: 'seq-01', position: original.geometry.coordinates as LngLat },
        older.features.map((f) => ({ id: String(f.id), sequenceId: 'seq-05', position: f.geometry.coordinates as LngLat })),
      )!;
      expect(expected).not.toBeNull();
      await p.selectOption('#twin-date', 'seq-05');
      await waitReady(p, expected.id, `twin-date-${engine}`);
      c = await cone(p);
      expect(Math.abs(turnBetween(c.bearing, 135))).toBeLessThan(0.5);
      expect(distanceMetres(c.apex, expected.position)).toBeLessThan(0.01);
      expect(await p.inputValue('#twin-date')).toBe('seq-05');
      // The address follows, so that the view can be shared.
      await p.waitForFunction((id) => new URLSearchParams(location.search).get('capture') === id, expected.id);
      expect(new URLSearchParams(new URL(p.url()).search).get('heading')).toBe('135');

      await p.selectOption('#twin-date', 'seq-01');
      await waitReady(p, 'seq-01-', `twin-date-back-${engine}`);
      expect(Math.abs(turnBetween((await cone(p)).bearing, 135))).toBeLessThan(0.5);
      expect(link.errors).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('jumps to the nearest capture of the same date on a click on the map while the viewer is open', async () => {
    const link = await openPage(browser, `${platform.url}/?capture=seq-01-0050&heading=200`, `twin-jump-${engine}`);
    const p = link.page;
    try {
      await waitReady(p, 'seq-01-0050', `twin-jump-ready-${engine}`);
      const target = (await item('seq-01-0053')).geometry.coordinates as LngLat;
      const mapBox = (await p.locator('#map').boundingBox())!;
      const q = await p.evaluate((t) => window.__kbs!.map.project(t), target);
      await p.mouse.click(mapBox.x + q.x, mapBox.y + q.y);
      await waitReady(p, 'seq-01-0053', `twin-jump-click-${engine}`);
      expect(Math.abs(turnBetween((await cone(p)).bearing, 200))).toBeLessThan(0.5);
    } finally {
      await p.close();
    }
  });

  it('keeps unpublished captures from the public, and speaks English on request', async () => {
    const link = await openPage(browser, `${platform.url}/?capture=seq-04-0001`, `twin-unpublished-${engine}`);
    const p = link.page;
    try {
      await p.waitForSelector(`${PANEL}[data-twin-state="error"]`);
      expect(await p.textContent(`${PANEL} .twin-status`)).toBe('Bu çekim bulunamadı ya da yayında değil.');
      await p.click('button[data-lang="en"]');
      expect(await p.textContent(`${PANEL} .twin-status`)).toBe('This capture does not exist or is not published.');
      expect(await p.textContent(`${PANEL} button[data-twin="next"]`)).toBe('Next');
      expect(await p.getAttribute(`${PANEL} .twin-viewer`, 'aria-label')).toContain('arrows');
      await p.click('button[data-lang="tr"]');
      expect(await p.textContent(`${PANEL} button[data-twin="next"]`)).toBe('Sonraki');
      await p.keyboard.press('Escape');
    } finally {
      await p.close();
    }
  });
});

/* A phone, 390 px wide: the viewer opens below the map, by keyboard from the map's 360° button. */
describe.runIf(HAS_CHROMIUM)('the digital twin on a 390 px phone', () => {
  let platform: Platform;
  let browser: TestBrowser;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine: PAGE_ENGINE }), launchBrowser({ viewport: { width: 390, height: 844 } })]);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('opens the capture nearest the map centre from the keyboard, below the map', async () => {
    const { page, errors } = await openPage(browser, platform.url, 'twin-phone');
    const capture = (await (await fetch(`${platform.url}/ogc/collections/panoramas/items/seq-03-0100`)).json()) as CaptureFeature;
    await page.evaluate((p) => window.__kbs!.map.jumpTo({ center: p, zoom: 16 }), capture.geometry.coordinates as LngLat);
    await page.focus('button.twin-open');
    await page.keyboard.press('Enter');
    await waitReady(page, 'seq-03-0100', 'twin-phone-open');
    const [map, panel] = [(await page.locator('#map').boundingBox())!, (await page.locator(PANEL).boundingBox())!];
    expect(panel.width).toBe(390);
    expect(map.width).toBe(390);
    expect(Math.abs(map.y + map.height - panel.y)).toBeLessThanOrEqual(1);
    // Focus moved into the viewer: the arrow keys walk on at once.
    await page.keyboard.press('ArrowUp');
    await waitReady(page, 'seq-03-0101', 'twin-phone-next');
    await page.keyboard.press('Escape');
    await page.waitForSelector(PANEL, { state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('twin-open'))).toBe(true);
    expect((await page.evaluate(() => window.__kbsTwin!.coneData())).features).toEqual([]);
    expect(errors).toEqual([]);
  });
});
