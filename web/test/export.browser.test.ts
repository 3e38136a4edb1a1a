/*
 * Exporting the map in Debian's headless Chromium against the whole platform (on PAGE_ENGINE): the
 * PNG download is decoded and its parts found where exportLayout() puts them (legend colours, title
 * text, scale bar length, a north arrow that turns with the bearing); the A4 print layout is printed
 * to PDF in both orientations and must be one A4 sheet. At 390 px the dialog is used by keyboard only.
 */
import fs from 'node:fs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type Page, type TestBrowser } from '../../test/support/browser';
import { PAGE_ENGINE } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { NORTH_COLOUR } from '../src/export/draw';
import { exportLayout, SCALE_BAR_MAX, type Box, type ExportLayout } from '../src/export/layout';
import { scaleBar } from '../src/export/scaleBar';
import { rgb } from '../src/map/style';
import type {} from '../src/testHooks';
import { colourDistance, type Rgb } from './pixels';

const WHITE: Rgb = [255, 255, 255];

interface Exported {
  png: PNG;
  fileName: string;
  layout: ExportLayout;
  legend: string[];
  view: { lat: number; zoom: number; bearing: number };
}

const pixel = (png: PNG, x: number, y: number): Rgb => {
  const o = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[o]!, png.data[o + 1]!, png.data[o + 2]!];
};

/** Pixels of `box` that satisfy `test`, as offsets from the box's centre. */
function mask(png: PNG, box: Box, test: (c: Rgb) => boolean): [number, number][] {
  const found: [number, number][] = [];
  for (let y = box.y; y < box.y + box.height; y++) for (let x = box.x; x < box.x + box.width; x++) {
    if (test(pixel(png, x, y))) found.push([x - (box.x + box.width / 2), y - (box.y + box.height / 2)]);
  }
  return found;
}

const inkIn = (png: PNG, box: Box) => mask(png, box, (c) => colourDistance(c, WHITE) > 120).length;
const isNorth = (c: Rgb) => colourDistance(c, rgb(NORTH_COLOUR)) < 60;

async function waitIdle(page: Page): Promise<void> {
  await page.waitForSelector('html[data-map-state="idle"]');
}

/** Sets the bearing and resolves when the map has drawn it. */
async function turnMap(page: Page, bearing: number): Promise<void> {
  await page.evaluate((b) => new Promise<void>((resolve) => {
    const map = window.__kbs!.map;
    map.once('idle', () => resolve());
    map.jumpTo({ bearing: b });
  }), bearing);
}

async function openDialog(page: Page): Promise<void> {
  await page.click('#export-open');
  await page.waitForSelector('#export-dialog[open]');
}

/** Clicks the dialog's PNG button and decodes the download. */
async function exportPng(page: Page): Promise<Exported> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="png"]')]);
  const png = PNG.sync.read(fs.readFileSync((await download.path())!));
  const { width, height, view } = await page.evaluate(() => {
    const map = window.__kbs!.map;
    return { width: map.getCanvas().width, height: map.getCanvas().height, view: { lat: map.getCenter().lat, zoom: map.getZoom(), bearing: map.getBearing() } };
  });
  const legend = await page.$$eval('#choropleth-legend li .swatch', (swatches) => swatches.map((s) => (s as HTMLElement).style.backgroundColor));
  return { png, fileName: download.suggestedFilename(), layout: exportLayout(width, height, legend.length, 1), legend, view };
}

const cssRgb = (text: string): Rgb => text.match(/\d+/g)!.slice(0, 3).map(Number) as Rgb;

/** Page count and the first page's size in points, read from the PDF's page objects. */
function pdfPages(pdf: Buffer): { pages: number; width: number; height: number } {
  const text = pdf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text)!;
  return { pages, width: Number(box[3]) - Number(box[1]), height: Number(box[4]) - Number(box[2]) };
}

describe.runIf(HAS_CHROMIUM).each([PAGE_ENGINE])('map export on the %s engine', (engine) => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let page: Page;
  let first: Exported;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine }), launchBrowser()]);
    page = await browser.newPage();
    // window.print() would wait for a dialog; the test prints with page.pdf() instead and counts the calls.
    await page.addInitScript(() => {
      window.print = () => {
        document.documentElement.dataset.printed = String(Number(document.documentElement.dataset.printed ?? 0) + 1);
      };
    });
    await page.goto(`${platform.url}/`);
    await waitIdle(page);
    await openDialog(page);
    first = await exportPng(page);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('names the file after the day and gives it the layout size', () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(new Date());
    expect(first.fileName).toBe(`bagcilar-harita-${today}.png`);
    expect([first.png.width, first.png.height]).toEqual([first.layout.width, first.layout.height]);
    // The map as on screen: 1280 px less the 20rem panel, 800 px less the header.
    expect(first.layout.map.width).toBeGreaterThan(900);
  });

  it('draws the legend classes in their colours, the title and date, and the map with those colours', async () => {
    const { png, layout, legend } = first;
    await screenshotOnFailure(page, `export-legend-${engine}`, async () => {
      // Population density by default: five quantile classes.
      expect(legend.length).toBeGreaterThanOrEqual(5);
      legend.forEach((colour, i) => {
        const { swatch, label } = layout.legendRows[i]!;
        const centre = pixel(png, swatch.x + swatch.width / 2, swatch.y + swatch.height / 2);
        expect(colourDistance(centre, cssRgb(colour)), `legend row ${i}: ${colour} vs ${centre.join(',')}`).toBeLessThan(3);
        expect(inkIn(png, label), `legend row ${i}: label text`).toBeGreaterThan(30);
        // The map shows each class, in the same colour (fill opacity 1).
        expect(mask(png, layout.map, (c) => colourDistance(c, cssRgb(colour)) < 3).length, `map pixels of class ${i}`).toBeGreaterThan(200);
      });
      const defaultTitle = await page.inputValue('#export-title');
      expect(defaultTitle).toMatch(/^Nüfus yoğunluğu.* \d{4}$/);
      expect(inkIn(png, layout.title)).toBeGreaterThan(200);
      expect(inkIn(png, layout.date)).toBeGreaterThan(50);
      expect(inkIn(png, layout.legendTitle)).toBeGreaterThan(50);
      expect(inkIn(png, layout.attribution)).toBeGreaterThan(30);
      // Below the attribution: white margin only.
      expect(inkIn(png, { x: 0, y: layout.attribution.y + layout.attribution.height + 2, width: png.width, height: layout.height - layout.attribution.y - layout.attribution.height - 2 })).toBe(0);
    });
  });

  it('draws a scale bar as long as the nice length at the map centre', () => {
    const { png, layout, view } = first;
    const expected = scaleBar(view.lat, view.zoom, SCALE_BAR_MAX);
    const box = layout.scaleBar;
    let longest = 0;
    for (let y = box.y; y < box.y + box.height; y++) {
      let run = 0;
      for (let x = box.x; x < box.x + box.width; x++) {
        run = colourDistance(pixel(png, x, y), WHITE) > 150 ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
    }
    expect(expected.pixels).toBeGreaterThan(SCALE_BAR_MAX / 2.5);
    expect(Math.abs(longest - expected.pixels), `bar ${longest} px, ${expected.label} = ${expected.pixels.toFixed(1)} px`).toBeLessThanOrEqual(3);
  });

  it('turns the north arrow against the bearing', async () => {
    const north = mask(first.png, first.layout.northArrow, isNorth);
    expect(north.length).toBeGreaterThan(50);
    const centroidY = north.reduce((sum, [, y]) => sum + y, 0) / north.length;
    expect(centroidY, 'at bearing 0 north points up').toBeLessThan(-3);

    await turnMap(page, 90);
    const turned = await exportPng(page);
    await turnMap(page, 0);
    const box = turned.layout.northArrow;
    const isNorthAt = (dx: number, dy: number) => isNorth(pixel(turned.png, Math.round(box.x + box.width / 2 + dx), Math.round(box.y + box.height / 2 + dy)));
    // With the map turned 90° clockwise, north is to the left: each point (x, y) of the upright arrow is at (y, -x).
    const rotatedHits = north.filter(([x, y]) => isNorthAt(y, -x)).length;
    const unrotatedHits = north.filter(([x, y]) => isNorthAt(x, y)).length;
    expect(rotatedHits / north.length).toBeGreaterThan(0.8);
    expect(unrotatedHits / north.length).toBeLessThan(0.3);
  });

  it('prints one A4 sheet in portrait and in landscape with title, date, map, legend and attribution', async () => {
    await screenshotOnFailure(page, `export-print-${engine}`, async () => {
      await page.fill('#export-title', 'Baskı denemesi');
      const legendCount = await page.locator('#choropleth-legend li').count();
      for (const [orientation, times, size] of [['portrait', 1, [595.28, 841.89]], ['landscape', 2, [841.89, 595.28]]] as const) {
        await page.emulateMedia({ media: 'screen' });
        await page.click(`[data-export="${orientation}"]`);
        await page.waitForSelector(`html[data-printed="${times}"]`);
        expect(await page.getAttribute('#print-layout', 'data-orientation')).toBe(orientation);
        await page.emulateMedia({ media: 'print' });
        for (const part of ['.print-title', '.print-date', '.print-map', '.print-legend', '.print-attribution']) {
          expect(await page.isVisible(`#print-layout ${part}`), `${orientation}: ${part} visible in print`).toBe(true);
        }
        expect(await page.isVisible('#map')).toBe(false);
        expect(await page.isVisible('.app-header')).toBe(false);
        expect(await page.textContent('.print-title')).toBe('Baskı denemesi');
        expect(await page.locator('#print-layout .legend li').count()).toBe(legendCount);
        expect(await page.textContent('.print-attribution')).toContain('Bağcılar Belediyesi');
        // 300 dpi over the printed map's width (186 mm portrait, 210 mm landscape).
        const natural = await page.$eval('.print-map', (img) => (img as HTMLImageElement).naturalWidth);
        expect(natural).toBeGreaterThanOrEqual(orientation === 'portrait' ? 2150 : 2430);
        const pdf = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
        expect(pdf.pages, `${orientation}: pages`).toBe(1);
        expect(Math.abs(pdf.width - size[0]), `${orientation}: width ${pdf.width} pt`).toBeLessThan(2);
        expect(Math.abs(pdf.height - size[1]), `${orientation}: height ${pdf.height} pt`).toBeLessThan(2);
      }
      await page.emulateMedia({ media: 'screen' });
    });
  });
});

/* At phone width, by keyboard alone: the header's tools fit, the dialog opens, exports and closes. */
describe.runIf(HAS_CHROMIUM)('map export at 390 px by keyboard', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine: PAGE_ENGINE }), launchBrowser({ viewport: { width: 390, height: 844 } })]);
    page = await browser.newPage();
    await page.goto(`${platform.url}/`);
    await waitIdle(page);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('reaches every header control inside the screen, and exports a PNG by keyboard', async () => {
    await screenshotOnFailure(page, 'export-390', async () => {
      const boxes = await page.$$eval('.app-header button, .app-header select', (els) => els
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => ({ id: el.id || el.textContent, ...el.getBoundingClientRect().toJSON() as DOMRect })));
      expect(boxes.length).toBeGreaterThanOrEqual(4);
      for (const b of boxes) expect(b.x >= 0 && b.x + b.width <= 390, `${b.id} at ${b.x}..${b.x + b.width}`).toBe(true);

      await page.focus('#export-open');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#export-dialog[open]');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-title');
      const dialog = (await page.locator('#export-dialog').boundingBox())!;
      expect(dialog.x).toBeGreaterThanOrEqual(0);
      expect(dialog.x + dialog.width).toBeLessThanOrEqual(390);

      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.export)).toBe('png');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      const png = PNG.sync.read(fs.readFileSync((await download.path())!));
      const mapWidth = await page.evaluate(() => window.__kbs!.map.getCanvas().width);
      expect(png.width).toBe(mapWidth + 32);

      await page.keyboard.press('Escape');
      await page.waitForSelector('#export-dialog:not([open])', { state: 'attached' });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-open');
    });
  });
});
