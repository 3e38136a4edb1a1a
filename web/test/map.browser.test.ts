import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type Page } from '../../test/support/browser';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

if (!HAS_CHROMIUM) console.warn('Debian chromium is not installed: the browser tests are skipped (apt-get install chromium).');

const BACKGROUND = [0xee, 0xf1, 0xf4];
const INTERIOR_POINTS: [string, [number, number]][] = [
  ['İnönü', [28.8506, 41.0291]],
  ['Göztepe', [28.8372, 41.061]],
  ['Mahmutbey', [28.8209, 41.0579]],
  ['Çınar', [28.8647, 41.037]],
];

describe.runIf(HAS_CHROMIUM).each(ENGINES)('the map in Chromium on the %s engine', (engine) => {
  let platform: TestPlatform;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine }), launchBrowser()]);
    page = await browser.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const started = Date.now();
    await page.goto(platform.url);
    try {
      await page.waitForSelector('html[data-map-state]', { timeout: 30_000 });
      expect(await page.getAttribute('html', 'data-map-state')).toBe('idle');
    } catch (error) {
      await screenshotOnFailure(page, `map-${engine}`);
      throw new Error(`map did not become idle: ${(error as Error).message}; page errors: ${errors.join('; ')}`);
    }
    console.log(`[browser] map idle ${Date.now() - started} ms after navigation (${engine})`);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('draws the mahalle polygons: pixels inside them are not the background', async () => {
    const positions = await page.evaluate((points) => points.map(([, lngLat]) => {
      const p = window.__kbs!.map.project(lngLat);
      return [Math.round(p.x), Math.round(p.y)];
    }), INTERIOR_POINTS);
    const mapBox = (await page.locator('#map').boundingBox())!;
    const png = PNG.sync.read(await page.screenshot());
    const isBackground = (x: number, y: number) => {
      const o = (y * png.width + x) * 4;
      return Math.hypot(png.data[o]! - BACKGROUND[0]!, png.data[o + 1]! - BACKGROUND[1]!, png.data[o + 2]! - BACKGROUND[2]!) < 12;
    };
    try {
      positions.forEach(([x, y], i) => {
        // A 9×9 window: a label's white halo may cover a few pixels, the fill covers the rest.
        const cx = Math.round(mapBox.x + x!);
        const cy = Math.round(mapBox.y + y!);
        let filled = 0;
        for (let dy = -4; dy <= 4; dy++) for (let dx = -4; dx <= 4; dx++) if (!isBackground(cx + dx, cy + dy)) filled++;
        expect(filled, `${INTERIOR_POINTS[i]![0]} around ${cx},${cy}`).toBeGreaterThanOrEqual(60);
      });
      // A corner outside the district stays background.
      expect(isBackground(Math.round(mapBox.x) + 5, Math.round(mapBox.y) + 5)).toBe(true);
    } catch (error) {
      await screenshotOnFailure(page, `map-pixels-${engine}`);
      throw error;
    }
  });

  it('labels the 22 mahalle with their Turkish names', async () => {
    const labels = await page.evaluate(() => window.__kbs!.labels());
    expect(labels).toHaveLength(22);
    expect(labels).toEqual(expect.arrayContaining(['İnönü', 'Güneşli', '15 Temmuz', 'Çınar', 'Yıldıztepe']));
    const layerDrawn = await page.evaluate(() => {
      const overlay = (window.__kbs!.map as unknown as { _controls: { _deck?: { props: { layers: { id: string; isLoaded: boolean }[] } } }[] })._controls
        .find((c) => c._deck)?._deck;
      return overlay?.props.layers.map((l) => [l.id, l.isLoaded]);
    });
    expect(layerDrawn).toEqual([['neighbourhood-labels', true]]);
  });
});
