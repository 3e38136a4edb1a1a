/**
 * Web map benchmark in Debian's headless Chromium (playwright-core, SwiftShader WebGL) against the
 * platform as `npm start` runs it (embedded engine, demo data), in its own data folder:
 *
 *   (a) first map: navigation → the first frame with the mahalle boundaries (the page's own clock), and
 *       → <html data-map-state="idle"> (labels and the thematic map drawn too), a fresh browser profile
 *       (cold cache) per run, median of BENCH_RUNS; the chunks loaded;
 *   (b) the gzip size of every JS and CSS chunk in web/dist;
 *   (c) 1,000,000 citizen-request points (the demo's 20,000 plus generated ones, written straight into
 *       the current version's partition): time from turning the layer on to drawn (binary fetch, decode,
 *       deck.gl's chunk and first aggregation), the same for hexagons and H3, a category + time filter;
 *       frame times (requestAnimationFrame deltas, p50/p95) while panning and zooming with the heatmap,
 *       the hexagons and — the floor — the layer off; the JS heap. Floor for the load: the bare fetch of
 *       the same bytes in the page.
 *
 *   npm run bench:web                     (builds the web app first)
 *   BENCH_RUNS=5 BENCH_POINTS=1000000     the defaults
 *   BENCH_POINTS=0                        the first map and the chunks only
 */
/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { openDatabase } from '@kbs/core';
import { createUser } from '../../api/src/access/users';
import { launchBrowser, type Page } from '../../test/support/browser';
import type {} from '../../web/src/testHooks';
import { loadAverage, OUT, ROOT, startApi, type ApiProcess } from '../support/apiProcess';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const POINTS = Number(process.env.BENCH_POINTS ?? 1_000_000);
const DATA_DIR = path.join(OUT, 'web-data');
const STAFF = { username: 'bench-analyst', password: 'bench-analyst-password' };

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const quantile = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};
const ms = (v: number) => `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

/** The embedded platform (no DATABASE_URL) with its demo data; the first start loads the demo, which takes minutes under load. */
function startEmbedded(): Promise<ApiProcess> {
  return startApi('', { DATA_DIR }, 900_000);
}

/** Tops the requests up to POINTS inside the mahalle (by population), spread over 2022–2024, and adds the staff user. */
async function prepareData(): Promise<void> {
  const api = await startEmbedded(); // the first start migrates and loads the demo
  await api.stop();
  const db = await openDatabase({ databaseUrl: null, dataDir: DATA_DIR });
  try {
    const { knex } = db;
    const { rows: [row] } = await knex.raw<{ rows: { version: number; n: number }[] }>(
      `SELECT d.current_version AS version, (SELECT count(*)::int FROM public.citizen_requests) AS n FROM catalog.datasets d WHERE d.id = 'citizen_requests'`);
    const missing = POINTS - row!.n;
    if (missing > 0) {
      const started = Date.now();
      await knex.raw('SELECT setseed(0.42)');
      // Identifiers from the catalog (the version partition's name); values bound.
      await knex.raw(`
INSERT INTO data.?? (_version, id, channel, category, status, opened_at, department, uavt_code, geom)
SELECT ?, 'G' || lpad((? + row_number() OVER ())::text, 7, '0'),
       (ARRAY['e_devlet', 'acikkapi', 'web_form', 'ibb_crm', 'call_centre', 'in_person'])[1 + floor(random() * 6)::int],
       (ARRAY['cleaning', 'road_pavement', 'parks_gardens', 'lighting', 'traffic', 'noise', 'zoning', 'social_aid', 'veterinary', 'water_drainage', 'other'])[1 + floor(random() * 11)::int],
       'closed', TIMESTAMPTZ '2022-01-01 00:00+03' + random() * INTERVAL '1096 days', 'bench', n.uavt_code, p.geom
FROM (SELECT uavt_code, geom, greatest(1, round(?::float8 * population / sum(population) OVER ()))::int AS k FROM public.neighbourhoods) n,
     LATERAL ST_Dump(ST_GeneratePoints(n.geom, n.k, 42)) p`,
      [`citizen_requests__v${row!.version}`, row!.version, row!.n, missing]);
      const { rows: [after] } = await knex.raw<{ rows: { n: number }[] }>('SELECT count(*)::int AS n FROM public.citizen_requests');
      console.log(`requests topped up to ${after!.n.toLocaleString('en')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    if (!(await knex('auth.users').where({ username: STAFF.username }).first())) {
      await createUser(knex, { ...STAFF, display_name: 'Bench analyst', role: 'analyst' });
    }
  } finally {
    await db.close();
  }
}

function chunkTable(): { file: string; raw: number; gzip: number }[] {
  const dir = path.join(ROOT, 'web/dist/assets');
  return fs.readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => {
      const bytes = fs.readFileSync(path.join(dir, f));
      return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => a.gzip - b.gzip);
}

// Page scripts as text: tsx would wrap named inner functions in a helper the page does not have.
/** requestAnimationFrame deltas while the map eases four times (pan, zoom in, pan, back). */
const FRAME_PROBE = `(async () => {
  const map = window.__kbs.map;
  const start = map.getCenter();
  const zoom = map.getZoom();
  const times = [];
  let last = performance.now();
  let running = true;
  const tick = (now) => { times.push(now - last); last = now; if (running) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const ease = (options) => new Promise((resolve) => { map.once('moveend', () => resolve()); map.easeTo({ ...options, duration: 1500 }); });
  await ease({ center: [start.lng + 0.02, start.lat + 0.01] });
  await ease({ zoom: zoom + 1.5 });
  await ease({ center: [start.lng - 0.01, start.lat - 0.01] });
  await ease({ center: [start.lng, start.lat], zoom });
  running = false;
  return times.slice(1);
})()`;

async function firstMap(url: string): Promise<{ boundaries: number; idle: number; chunks: string[] }> {
  const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await browser.newPage();
    const chunks: string[] = [];
    page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (p.startsWith('/assets/')) chunks.push(p.slice('/assets/'.length));
    });
    const started = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForSelector('html[data-map-state="idle"]', { timeout: 60_000 });
    const idle = Date.now() - started;
    // The page's own clock from navigation start to the first frame with the boundaries.
    const boundaries = Number(await page.getAttribute('html', 'data-boundaries-drawn-ms'));
    return { boundaries, idle, chunks };
  } finally {
    await browser.close();
  }
}

/** Times an action in the page up to the next drawn state. */
async function timed(page: Page, action: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await action();
  await page.waitForSelector('html[data-map-state="idle"]', { timeout: 600_000 });
  return Date.now() - started;
}

/** requestAnimationFrame deltas while the map pans and zooms for a few seconds. */
async function frameTimes(page: Page): Promise<{ p50: number; p95: number; frames: number }> {
  const deltas = (await page.evaluate(FRAME_PROBE)) as number[];
  return { p50: quantile(deltas, 0.5), p95: quantile(deltas, 0.95), frames: deltas.length };
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1e6;
}

async function requestPoints(url: string): Promise<string[]> {
  const lines: string[] = [];
  const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await browser.newPage();
    const login = await page.request.post(`${url}/api/auth/login`, { data: STAFF });
    if (login.status() !== 200) throw new Error(`sign-in failed: ${login.status()}`);
    await page.goto(url);
    await page.waitForSelector('html[data-map-state="idle"]', { timeout: 60_000 });
    const heapBefore = await heapMb(page);
    const off = await frameTimes(page);

    const floor = await page.evaluate(async () => {
      const t0 = performance.now();
      const bytes = await (await fetch('/api/requests/points')).arrayBuffer();
      return { ms: performance.now() - t0, bytes: bytes.byteLength };
    });
    const on = await timed(page, () => page.check('[data-layer-toggle="requests"]'));
    await page.screenshot({ path: path.join(OUT, 'web-requests-heatmap.png') });
    const shown = (await page.evaluate(() => window.__kbs!.requests!())).shown!;
    const heat = await frameTimes(page);
    const heapAfter = await heapMb(page);
    const hexagon = await timed(page, () => page.selectOption('select[name="request-mode"]', 'hexagon'));
    await page.screenshot({ path: path.join(OUT, 'web-requests-hexagon.png') });
    const hexFrames = await frameTimes(page);
    const h3 = await timed(page, () => page.selectOption('select[name="request-mode"]', 'h3'));
    await page.screenshot({ path: path.join(OUT, 'web-requests-h3.png') });
    const h3Frames = await frameTimes(page);
    const h3Again = await timed(page, () => page.fill('input[name="request_from"]', '2023-01-01'));
    await timed(page, () => page.selectOption('select[name="request-mode"]', 'heatmap'));
    const filter = await timed(page, () => page.fill('input[name="request_to"]', '2023-12-31'));
    const filtered = (await page.evaluate(() => window.__kbs!.requests!())).shown!;
    const frames = (f: { p50: number; p95: number; frames: number }) => `p50 ${ms(f.p50)}, p95 ${ms(f.p95)} (${f.frames} frames)`;

    lines.push(
      `| points handed to deck.gl | ${shown.toLocaleString('en')} (${(floor.bytes / 1e6).toFixed(1)} MB binary) |`,
      `| floor: the bare fetch of /api/requests/points in the page | ${ms(floor.ms)} |`,
      `| turn the layer on → heatmap drawn (fetch, decode, deck.gl chunk, aggregation) | ${ms(on)} |`,
      `| switch to hexagons (CPU aggregation) → drawn | ${ms(hexagon)} |`,
      `| switch to H3 cells (h3-js cell of every point, once) → drawn | ${ms(h3)} |`,
      `| H3, time filter changed (cells cached) → drawn | ${ms(h3Again)} |`,
      `| heatmap, time filter 2023 → drawn (${filtered.toLocaleString('en')} points) | ${ms(filter)} |`,
      `| frame times panning/zooming, layer off (floor) | ${frames(off)} |`,
      `| frame times, heatmap on | ${frames(heat)} |`,
      `| frame times, hexagons on | ${frames(hexFrames)} |`,
      `| frame times, H3 on | ${frames(h3Frames)} |`,
      `| JS heap after GC (V8 heap; the typed arrays are external memory, not in it): map alone → with the points and the heatmap | ${heapBefore.toFixed(0)} MB → ${heapAfter.toFixed(0)} MB |`,
    );
  } finally {
    await browser.close();
  }
  return lines;
}

async function main(): Promise<void> {
  console.log(`bench:web on ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}`);
  console.log(`load average at start: ${loadAverage()}`);
  execFileSync('npx', ['vite', 'build'], { cwd: path.join(ROOT, 'web'), stdio: 'ignore' });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  await prepareData();
  const api = await startEmbedded();
  try {
    await firstMap(api.url); // warms the server (its first answers), not counted
    const runs: Awaited<ReturnType<typeof firstMap>>[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await firstMap(api.url));
    const spread = (values: number[]) => `median ${ms(median(values))}, min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))}`;
    console.log(`\n## First map, ${RUNS} runs, cold cache each; load average ${loadAverage()}`);
    console.log(`navigation → first frame with the mahalle boundaries: ${spread(runs.map((r) => r.boundaries))}`);
    console.log(`navigation → data-map-state="idle" (labels and the density choropleth drawn too): ${spread(runs.map((r) => r.idle))}`);
    const loaded = new Set(runs[0]!.chunks);

    console.log('\n## Chunks in web/dist/assets (gzip -9)\n\n| chunk | raw | gzip | loaded by the first map |\n|---|---|---|---|');
    for (const c of chunkTable()) console.log(`| ${c.file.replace(/-[\w-]{8}\.(js|css)$/, '.$1')} | ${kb(c.raw)} | ${kb(c.gzip)} | ${loaded.has(c.file) ? 'yes' : ''} |`);

    if (POINTS > 0) {
      console.log(`\n## ${POINTS.toLocaleString('en')} citizen-request points (staff), load average ${loadAverage()}\n\n| what | figure |\n|---|---|`);
      for (const line of await requestPoints(api.url)) console.log(line);
    }
    console.log(`\nload average at the end: ${loadAverage()}`);
  } finally {
    await api.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
