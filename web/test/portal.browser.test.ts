/*
 * The open data portal's pages in Debian's headless Chromium against the whole platform, on both
 * engines: a search typed without Turkish letters finds the Turkish-titled dataset, the dataset page
 * previews exactly the API's rows, the CSV and GeoJSON download buttons give files that independent
 * readers accept (papaparse, geojson-validation) with the dataset's rows; axe-core finds no serious or
 * critical violation on the home, search and dataset pages; a 390 px phone needs no sideways scrolling
 * and the keyboard reaches everything with a visible focus. No sleeps: the pages say when they are
 * done through <html data-portal-state> and the preview table's data-preview-state / data-offset.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import GJV from 'geojson-validation';
import Papa from 'papaparse';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, screenshotOnFailure, type Page, type TestBrowser } from '../../test/support/browser';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { cellText } from '../src/portal/tablePreview';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const DATASET = 'neighbourhoods';
const TITLE_TR = 'Mahalle sınırları ve nüfusları';
const QUERY = 'bagcilar nufus';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function api<T>(platform: TestPlatform, path: string): Promise<T> {
  const response = await fetch(`${platform.url}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function ckanResult<T>(platform: TestPlatform, action: string, params: Record<string, string>): Promise<T> {
  return (await api<{ success: boolean; result: T }>(platform, `/api/3/action/${action}?${new URLSearchParams(params)}`)).result;
}

/** Waits for the page to say it is done; anything but "ready" fails with the page's errors. */
async function ready(page: Page, errors: string[]): Promise<void> {
  await page.waitForSelector('html[data-portal-state]:not([data-portal-state="loading"])');
  const state = await page.getAttribute('html', 'data-portal-state');
  if (state !== 'ready') throw new Error(`the page reported "${state}"; errors: ${errors.join(' | ') || 'none'}`);
}

/** Waits for the dataset page's map preview to say it is drawn ("error" fails with the page's errors). */
async function mapDrawn(page: Page, errors: string[]): Promise<void> {
  await page.waitForSelector('#preview-map[data-map-state]', { state: 'attached' });
  const state = await page.getAttribute('#preview-map', 'data-map-state');
  if (state !== 'idle') throw new Error(`the map preview reported "${state}"; errors: ${errors.join(' | ') || 'none'}`);
}

/** axe-core run inside the page (evaluated through the DevTools protocol, which the page's CSP does not govern). */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')}`).join('\n');

/** The preview table as text: header cells and body rows. */
async function previewTable(page: Page): Promise<{ header: string[]; rows: string[][] }> {
  return page.$eval('#preview', (table) => ({
    header: [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
    rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  }));
}

describe.runIf(HAS_CHROMIUM).each(ENGINES)('the open data portal in Chromium on the %s engine', (engine) => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ engine }), launchBrowser()]);
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });
  beforeEach(() => {
    errors.length = 0; // each test answers for its own pages
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('finds the Turkish-titled dataset from a query typed without Turkish letters, and previews exactly the API’s rows', async () => {
    await screenshotOnFailure(page, `portal-search-${engine}`, async () => {
      await page.goto(`${platform.url}/portal`);
      await ready(page, errors);
      // The home page's lists are package_search's newest and most downloaded.
      for (const [list, sort] of [['newest', 'metadata_modified desc'], ['popular', 'downloads desc']] as const) {
        const expected = await ckanResult<{ results: { name: string }[] }>(platform, 'package_search', { sort, rows: '5' });
        expect(await page.locator(`#${list} .dataset-card`).evaluateAll((els) => els.map((c) => (c as HTMLElement).dataset.dataset))).toEqual(expected.results.map((r) => r.name));
      }
      await page.fill('#search-q', QUERY);
      await Promise.all([page.waitForURL(/\/portal\/search\?q=bagcilar\+nufus$/), page.press('#search-q', 'Enter')]);
      await ready(page, errors);
      const link = page.locator(`.dataset-card[data-dataset="${DATASET}"] .dataset-card-title a`);
      expect(await link.textContent()).toBe(TITLE_TR);
      const search = await ckanResult<{ count: number; results: { name: string }[] }>(platform, 'package_search', { q: QUERY, rows: '10' });
      expect(await page.locator('.dataset-card').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.dataset))).toEqual(search.results.map((r) => r.name));

      const viewsBefore = await views(platform);
      await Promise.all([page.waitForURL(new RegExp(`/portal/datasets/${DATASET}$`)), link.click()]);
      await ready(page, errors);
      const pkg = await ckanResult<{ title: string; resources: { id: string; datastore_active?: boolean }[] }>(platform, 'package_show', { id: DATASET });
      expect(await page.textContent('h1')).toBe(pkg.title);
      expect(await page.title()).toBe(`${TITLE_TR} — Bağcılar Açık Veri Portalı`);

      const resourceId = pkg.resources.find((r) => r.datastore_active)!.id;
      for (const offset of [0, 10]) {
        if (offset > 0) await page.click('#preview-next');
        await page.waitForSelector(`#preview[data-preview-state="ready"][data-offset="${offset}"]`);
        const api = await ckanResult<{ fields: { id: string }[]; records: Record<string, unknown>[]; total: number }>(platform, 'datastore_search', {
          resource_id: resourceId, limit: '10', offset: String(offset),
        });
        const fields = api.fields.map((f) => f.id).filter((id) => id !== '_id');
        const shown = await previewTable(page);
        expect(shown.header).toEqual(fields);
        expect(shown.rows).toEqual(api.records.map((r) => fields.map((f) => cellText(r[f]))));
        expect(shown.rows).toHaveLength(Math.min(10, api.total - offset));
      }
      const dictionary = await page.$$eval('#dictionary-table tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.column));
      expect(dictionary).toContain('population');
      expect(await page.textContent('#dictionary-table tr[data-column="area_km2"] td:nth-child(4)')).toBe('km²');
      const versions = await api<{ current: number; versions: { version: number; rowCount: number }[] }>(platform, `/api/datasets/${DATASET}/versions`);
      expect(await page.$$eval('#versions-table tbody tr', (trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.version)))).toEqual(versions.versions.map((v) => v.version));
      expect(await page.textContent(`#versions-table tr[data-version="${versions.current}"] td:nth-child(4)`)).toBe('22');
      // Opening the page counted one view.
      await expect.poll(() => views(platform)).toBe(viewsBefore + 1);
      await mapDrawn(page, errors);
    });
    expect(errors).toEqual([]);
  }, 120_000);

  it('narrows by a facet and sorts, holding both in the URL, with the same datasets and counts as package_search', async () => {
    await screenshotOnFailure(page, `portal-facets-${engine}`, async () => {
      await page.goto(`${platform.url}/portal/search`);
      await ready(page, errors);
      const cards = () => page.locator('.dataset-card').evaluateAll((els) => els.map((c) => (c as HTMLElement).dataset.dataset));
      const everything = await ckanResult<{ count: number; search_facets: Record<string, { items: { name: string; count: number }[] }> }>(platform, 'package_search', {
        rows: '0', 'facet.field': JSON.stringify(['groups']),
      });
      expect(await page.textContent('#result-count')).toBe(`${everything.count} veri seti bulundu`);
      const regi = everything.search_facets.groups!.items.find((i) => i.name === 'regi')!;
      expect(await page.textContent('.facet[data-facet="groups"] a[data-value="regi"] .count')).toBe(`(${regi.count})`);

      await Promise.all([page.waitForURL(/\/portal\/search\?groups=regi$/), page.click('.facet[data-facet="groups"] a[data-value="regi"]')]);
      await ready(page, errors);
      const narrowed = await ckanResult<{ count: number; results: { name: string }[] }>(platform, 'package_search', { fq: 'groups:"regi"', rows: '10' });
      expect(narrowed.count).toBe(regi.count);
      expect(await cards()).toEqual(narrowed.results.map((r) => r.name));
      expect(await page.getAttribute('.facet[data-facet="groups"] a[data-value="regi"]', 'aria-current')).toBe('true');

      await page.selectOption('#search-sort', 'date');
      await Promise.all([page.waitForURL(/\/portal\/search\?groups=regi&sort=date$/), page.click('.sort button[type=submit]')]);
      await ready(page, errors);
      const byDate = await ckanResult<{ results: { name: string }[] }>(platform, 'package_search', { fq: 'groups:"regi"', rows: '10', sort: 'metadata_modified desc' });
      expect(await cards()).toEqual(byDate.results.map((r) => r.name));
      expect(await page.inputValue('#search-sort')).toBe('date');
    });
    expect(errors).toEqual([]);
  }, 120_000);

  it('downloads CSV and GeoJSON through the buttons, and the files hold the dataset', async () => {
    await screenshotOnFailure(page, `portal-downloads-${engine}`, async () => {
      await page.goto(`${platform.url}/portal/datasets/${DATASET}`);
      await ready(page, errors);
      const rows = (await platform.db.knex.raw('SELECT uavt_code, name, population FROM public.neighbourhoods ORDER BY uavt_code')).rows as { uavt_code: string; name: string; population: number }[];
      expect(rows).toHaveLength(22);
      const listed = await api<{ files: { format: string; size: number | null; sha256: string | null }[] }>(platform, `/api/datasets/${DATASET}/downloads`);

      const download = async (format: string) => {
        const [file] = await Promise.all([page.waitForEvent('download'), page.click(`.download[data-format="${format}"] a`)]);
        const failure = await file.failure();
        if (failure) throw new Error(`the ${format} download failed: ${failure}`);
        const bytes = fs.readFileSync((await file.path())!);
        const entry = listed.files.find((f) => f.format === format)!;
        if (entry.size !== null) expect(bytes.length).toBe(entry.size);
        if (entry.sha256) {
          const { createHash } = await import('node:crypto');
          expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
          expect(await page.textContent(`.download[data-format="${format}"] .sha256 code`)).toBe(entry.sha256);
        }
        return { name: file.suggestedFilename(), text: bytes.toString('utf8') };
      };

      const csv = await download('csv');
      expect(csv.name).toMatch(/\.csv$/);
      const parsed = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.meta.fields).toEqual(expect.arrayContaining(['uavt_code', 'name', 'population', 'area_km2']));
      expect(parsed.data.map((r) => [r.uavt_code, r.name, Number(r.population)]).sort()).toEqual(rows.map((r) => [r.uavt_code, r.name, r.population]).sort());

      const geojson = await download('geojson');
      expect(geojson.name).toMatch(/\.geojson$/);
      const collection = JSON.parse(geojson.text);
      expect(GJV.valid(collection)).toBe(true);
      expect(collection.features).toHaveLength(rows.length);
      expect(collection.features.map((f: { properties: { name: string } }) => f.properties.name).sort()).toEqual(rows.map((r) => r.name).sort());
      expect(new Set(collection.features.map((f: { geometry: { type: string } }) => f.geometry.type))).toEqual(new Set(['MultiPolygon']));

      // The copy button copies the curl example, and the example's URL is the CSV just downloaded.
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.url });
      await page.click('#example-curl .copy-button');
      await page.waitForSelector('#example-curl .copy-status:text("Kopyalandı")');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.textContent('#example-curl code'));
      const curlUrl = /"(http[^"]+)"/.exec(copied)![1]!;
      const again = await fetch(curlUrl);
      expect(again.status).toBe(200);
      expect(await again.text()).toBe(csv.text);
    });
    expect(errors).toEqual([]);
  }, 120_000);

  it('passes axe-core with no serious or critical violation on the home, search and dataset pages, in both languages', async () => {
    const pages = [`/portal`, `/portal/search?q=${encodeURIComponent(QUERY)}&groups=regi`, `/portal/datasets/${DATASET}`];
    const found: string[] = [];
    for (const lang of ['tr', 'en']) {
      for (const path of pages) {
        await page.goto(`${platform.url}${path}`);
        await ready(page, errors);
        if ((await page.getAttribute('html', 'lang')) !== lang) {
          await page.click(`button[data-lang="${lang}"]`);
          await page.waitForSelector(`html[lang="${lang}"][data-portal-state="ready"]`);
        }
        const violations = await screenshotOnFailure(page, `portal-axe-${engine}-${lang}`, async () => {
          if (path.includes('/datasets/')) await mapDrawn(page, errors);
          return axeViolations(page);
        });
        if (violations.length) found.push(`${lang} ${path}:\n${describeViolations(violations)}`);
      }
    }
    expect(found.join('\n\n')).toBe('');
    // The English switch translated the page (and it is remembered for the next page).
    expect(await page.textContent('#metadata tr[data-field="licence"] th')).toBe('Licence');
    await page.click('button[data-lang="tr"]');
    await page.waitForSelector('html[lang="tr"][data-portal-state="ready"]');
    expect(await page.textContent('h1')).toBe(TITLE_TR);
    expect(errors).toEqual([]);
  }, 180_000);

  it('fits a 390 px phone without sideways scrolling, and the keyboard reaches the content with a visible focus', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const path of ['/portal', `/portal/search?q=${encodeURIComponent(QUERY)}`, `/portal/datasets/${DATASET}`]) {
        await page.goto(`${platform.url}${path}`);
        await ready(page, errors);
        await screenshotOnFailure(page, `portal-phone-${engine}`, async () => {
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(390);
        });
      }
      // Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
      await page.goto(`${platform.url}/portal/search?q=${encodeURIComponent(QUERY)}`);
      await ready(page, errors);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return { id: el.id, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(focused.id).toBe('search-q');
      expect(focused.outline).not.toBe('none');
      expect(focused.width).toBeGreaterThanOrEqual(2);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    expect(errors).toEqual([]);
  }, 120_000);

  it('answers every path under /portal with the portal page, and says when a dataset does not exist', async () => {
    const response = await fetch(`${platform.url}/portal/datasets/no.such.dataset`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('class="portal-page"');
    await page.goto(`${platform.url}/portal/datasets/no_such_dataset`);
    await page.waitForSelector('html[data-portal-state="not-found"]');
    expect(await page.textContent('h1')).toBe('Bu veri seti bulunamadı.');
  });
});

async function views(platform: TestPlatform): Promise<number> {
  const { rows } = await platform.db.knex.raw('SELECT coalesce(sum(views), 0)::int AS n FROM portal.usage WHERE dataset_id = ?', [DATASET]);
  return rows[0].n;
}
