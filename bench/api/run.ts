/**
 * API benchmark over a real PostGIS holding 1,000,000 generated facilities inside the district, side by
 * side with the floor or a peer for each question of the spatial API issue:
 *
 *   (a) vector tiles  /tiles/facilities/{z}/{x}/{y}.mvt, one z14 and one z16 tile:
 *       floor = the endpoint's own ST_AsMVT SQL (api/src/tiles/tileQuery.ts) timed through psql (\timing),
 *       in the same rounds as the API samples so that both see the same machine load;
 *       uncached latency (a fresh API process per sample, so its in-process tile cache is empty; plus a
 *       sweep over every distinct interior z16 tile, each requested once, against psql on the same tiles);
 *       cached throughput with autocannon (the same tile again and again), next to a bare node:http
 *       server sending the same bytes (the ceiling of this client on this machine); a small z18 tile
 *       too, where the API's per-request cost rather than the bytes decides.
 *   (b) GeoJSON items /ogc/collections/facilities/items, the whole collection following `next` links,
 *       vs `ogr2ogr -f GeoJSON /vsistdout/ PG:… facilities` (stdout to /dev/null): features/s and
 *       peak RSS of the API process.
 *   (c) reverse lookup /api/lookup?lon=…&lat=… with autocannon: requests/s, p50, p99.
 *   (d) MapServer as a peer, only if `mapserv` is installed.
 *
 * The API runs as a child process (`node --import tsx api/src/main.ts`, as `npm start` runs it), so its
 * RSS is its own; its per-address rate limit is switched off (RATE_LIMIT_PER_MINUTE=0), since one load
 * generator on one address is exactly what it is there to stop.
 *
 *   npm run bench:api                       (default database: kbs_bench_api on the throwaway cluster of
 *                                            scripts/pg-throwaway.sh; the 1M-row load is skipped when done)
 *   BENCH_QUICK=1 npm run bench:api         100,000 rows, fewer runs, 3 s autocannon runs
 *
 * Other knobs: BENCH_DATABASE_URL, BENCH_ROWS, BENCH_RUNS (repeats of ogr2ogr and autocannon runs),
 * BENCH_ITEMS_RUNS (full walks of the items through the API),
 * BENCH_RESTARTS (rounds of uncached samples: one fresh API process and two psql runs per tile each),
 * BENCH_DURATION (autocannon seconds), BENCH_CONNECTIONS, BENCH_STEPS (comma list of
 * tiles,items,lookup,mapserver), BENCH_ITEMS_TIMEOUT (seconds for one full items walk).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import knexFactory, { type Knex } from 'knex';
import { PbfReader as Pbf } from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { getDataset } from '@kbs/core';
import { buildNativeTileQuery, type TileAddress } from '../../api/src/tiles/tileQuery';
import { freePort, loadAverage, OUT, sleep, startApi } from '../support/apiProcess';
import { benchDatabaseUrl, prepareFacilitiesDatabase } from '../support/facilitiesDatabase';
import { POINTS_AREA, tileOf } from '../support/points';

const QUICK = ['1', 'true', 'yes'].includes((process.env.BENCH_QUICK ?? '').toLowerCase());
const num = (name: string, full: number, quick: number) => Number(process.env[name] ?? (QUICK ? quick : full));
const ROWS = num('BENCH_ROWS', 1_000_000, 100_000);
const RUNS = num('BENCH_RUNS', 3, 1);
/** A full walk of the API over 1M features takes minutes (see the figures), so one by default. */
const ITEMS_RUNS = num('BENCH_ITEMS_RUNS', 1, 1);
const RESTARTS = num('BENCH_RESTARTS', 11, 3);
const DURATION = num('BENCH_DURATION', 10, 3);
const CONNECTIONS = num('BENCH_CONNECTIONS', 50, 50);
const ITEMS_TIMEOUT = num('BENCH_ITEMS_TIMEOUT', 900, 300);
const STEPS = new Set((process.env.BENCH_STEPS ?? 'tiles,items,lookup,mapserver').split(',').map((s) => s.trim()));
const AREA = POINTS_AREA;
const CENTRE: [number, number] = [28.84, 41.04];
const ITEMS_LIMIT = 10_000; // the API's maximum page size (api/src/ogc/params.ts MAX_LIMIT)

// ---------------------------------------------------------------------------------------------- helpers

function baseUrl(): string {
  return benchDatabaseUrl(ROWS === 1_000_000 ? 'kbs_bench_api' : `kbs_bench_api_${ROWS}`);
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '–');
const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en') : '–');

const tileName = (t: TileAddress) => `${t.z}/${t.x}/${t.y}`;

/** Every tile of zoom z whose area lies entirely inside the generated points' box. */
function interiorTiles(z: number): TileAddress[] {
  const a = tileOf(AREA.minLon, AREA.maxLat, z);
  const b = tileOf(AREA.maxLon, AREA.minLat, z);
  const tiles: TileAddress[] = [];
  for (let x = a.x + 1; x < b.x; x++) for (let y = a.y + 1; y < b.y; y++) tiles.push({ z, x, y });
  return tiles;
}

/**
 * One GET on a new connection (a kept-alive one may be closed by the server's keep-alive timeout while
 * psql runs in between), timed to the last byte of the body, which is kept as sent: gzip stays gzip.
 */
const agent = new http.Agent({ keepAlive: false });

function timedGet(url: string): Promise<{ ms: number; status: number; body: Buffer; encoding: string | undefined }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ ms: performance.now() - started, status: response.statusCode ?? 0, body: Buffer.concat(chunks), encoding: response.headers['content-encoding'] }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

async function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

interface CannonFigures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function cannonRuns(label: string, options: autocannon.Options): Promise<CannonFigures> {
  const runs: CannonFigures[] = [];
  // Uncounted: lets V8 optimise the hot path and the pool open its connections.
  await cannon({ connections: CONNECTIONS, duration: 2, ...options });
  for (let run = 0; run < RUNS; run++) {
    const r = await cannon({ connections: CONNECTIONS, duration: DURATION, ...options });
    const figures = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts };
    console.log(`  ${label}: ${int(figures.rps)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms${figures.non2xx || figures.errors ? `, ${figures.non2xx} non-2xx, ${figures.errors} errors` : ''} (load ${loadAverage()})`);
    runs.push(figures);
  }
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.errors, 0),
  };
}

// ------------------------------------------------------------------------------------------ psql floor

/**
 * Runs each statement `times` times in one psql session with \timing; returns the times in ms, per
 * statement, in a session set up as the API's. Output goes to /dev/null unaligned, so psql's own formatting costs as little as it can;
 * the tile still travels to the client as hex text, as it does to the API (node-postgres reads bytea as text).
 */
function psqlTimings(url: string, statements: string[], times: number): number[][] {
  // The API's own connections run without parallel plans (core/src/db/server.ts); so does the floor.
  const script = ['SET max_parallel_workers_per_gather = 0;', '\\pset format unaligned', '\\pset tuples_only on', '\\timing on', '\\o /dev/null'];
  for (const sql of statements) for (let i = 0; i < times; i++) script.push(`${sql.trim()};`);
  const out = execFileSync('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1'], { input: script.join('\n'), encoding: 'utf8', maxBuffer: 256 << 20 });
  const all = [...out.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
  if (all.length !== statements.length * times) throw new Error(`psql printed ${all.length} timings, expected ${statements.length * times}`);
  return statements.map((_, i) => all.slice(i * times, (i + 1) * times));
}

// -------------------------------------------------------------------------------------------- results

const rows: { part: string; what: string; ours: string; reference: string; target: string; met: string }[] = [];
const notes: string[] = [];

function record(part: string, what: string, ours: string, reference: string, target: string, met: boolean | null) {
  rows.push({ part, what, ours, reference, target, met: met === null ? '–' : met ? 'yes' : '**no**' });
}

// ---------------------------------------------------------------------------------------------- steps

/** The exact SQL the endpoint runs for a tile, with its values inlined (for psql). */
async function tileSql(knex: Knex, tile: TileAddress): Promise<string> {
  const dataset = await getDataset(knex, 'facilities');
  if (!dataset) throw new Error('no facilities dataset');
  const q = buildNativeTileQuery(dataset, 'public', dataset.id, tile);
  return knex.raw(q.sql, q.bindings).toQuery();
}

function decodeTile(body: Buffer, encoding: string | undefined): { features: number; rawBytes: number } {
  if (body.length === 0) return { features: 0, rawBytes: 0 };
  const raw = encoding === 'gzip' ? gunzipSync(body) : body;
  const tile = new VectorTile(new Pbf(raw));
  return { features: tile.layers.facilities?.length ?? 0, rawBytes: raw.length };
}

/** A bare node:http server in its own process that sends these bytes with the tile's headers: what this client gets at best. */
async function startBareServer(body: Buffer): Promise<{ url: string; stop(): Promise<void> }> {
  const file = path.join(os.tmpdir(), `kbs-bench-api-tile-${process.pid}.bin`);
  fs.writeFileSync(file, body);
  const port = await freePort();
  const script = `const http = require('node:http'); const body = require('node:fs').readFileSync(process.env.BODY_FILE);
http.createServer((req, res) => { res.setHeader('Content-Type', 'application/vnd.mapbox-vector-tile'); res.setHeader('Content-Encoding', 'gzip');
res.setHeader('Cache-Control', 'public, max-age=300'); res.setHeader('ETag', '"x"'); res.end(body); }).listen(Number(process.env.PORT), '127.0.0.1');`;
  const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, BODY_FILE: file, PORT: String(port) }, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    try {
      if ((await timedGet(url)).status === 200) break;
    } catch {
      if (i > 200) throw new Error('the bare server did not start');
      await sleep(50);
    }
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(file, { force: true });
    },
  };
}

async function tiles(url: string, knex: Knex): Promise<void> {
  console.log('\n(a) vector tiles');
  const targets = [tileOf(CENTRE[0], CENTRE[1], 14), tileOf(CENTRE[0], CENTRE[1], 16)];
  const small = tileOf(CENTRE[0], CENTRE[1], 18);
  const sweep = interiorTiles(16).filter((t) => !targets.some((u) => tileName(u) === tileName(t)));
  // Warm-up tiles: other zooms, so that neither the targets nor the sweep tiles are cached by them.
  const warm = [...interiorTiles(15).slice(0, 4), ...interiorTiles(17).slice(0, 4)];
  const sql = Object.fromEntries(await Promise.all(targets.map(async (t) => [tileName(t), await tileSql(knex, t)] as const)));
  const sweepSql = await Promise.all(sweep.map((t) => tileSql(knex, t)));

  // Uncached: a fresh API process per sample (the tile cache lives in the process), warmed up on tiles of
  // other zooms, then asked for each target once. The floor is timed in the same round, just before, so
  // both see the same machine load: the endpoint's own SQL through psql, twice (tile to the client), and
  // once as SELECT length(tile) (the server's work alone), after one uncounted run that warms the psql
  // session's backend. The first process also sweeps all other interior z16 tiles.
  const floor: Record<string, number[]> = {};
  const serverOnly: Record<string, number[]> = {};
  const uncached: Record<string, number[]> = {};
  const cachedSingle: Record<string, number[]> = {};
  const info: Record<string, { gzipBytes: number; rawBytes: number; features: number }> = {};
  for (const t of targets) [floor, serverOnly, uncached, cachedSingle].forEach((m) => (m[tileName(t)] = []));
  let sweepTimes: number[] = [];
  let sweepFloor: number[] = [];
  psqlTimings(url, Object.values(sql), 1); // the table's pages into shared buffers
  for (let r = 0; r < RESTARTS; r++) {
    const api = await startApi(url);
    try {
      for (const t of warm) await timedGet(`${api.url}/tiles/facilities/${tileName(t)}.mvt`);
      for (const t of targets) {
        const name = tileName(t);
        // A new psql session: its first run pays the backend's cold start (catalog caches, PostGIS and PROJ
        // set-up, the JIT library), which the API's pooled connection has long paid; it is not counted.
        const [, a, b, alone] = psqlTimings(url, [sql[name]!, sql[name]!, sql[name]!, `SELECT length(tile) FROM (${sql[name]!}) q`], 1).map((x) => x[0]!);
        floor[name]!.push(a!, b!);
        serverOnly[name]!.push(alone!);
        const first = await timedGet(`${api.url}/tiles/facilities/${name}.mvt`);
        if (first.status !== 200) throw new Error(`tile ${name} answered ${first.status}`);
        uncached[name]!.push(first.ms);
        info[name] = { gzipBytes: first.body.length, ...decodeTile(first.body, first.encoding) };
        cachedSingle[name]!.push((await timedGet(`${api.url}/tiles/facilities/${name}.mvt`)).ms);
      }
      if (r === 0) {
        for (const t of sweep) sweepTimes.push((await timedGet(`${api.url}/tiles/facilities/${tileName(t)}.mvt`)).ms);
        sweepFloor = psqlTimings(url, [sweepSql[0]!, ...sweepSql], 1).slice(1).map((x) => x[0]!);
        sweepTimes = sweepTimes.slice(0, sweepFloor.length);
      }
      console.log(`  round ${r + 1}/${RESTARTS}: ${targets.map((t) => `${tileName(t)} API ${ms(uncached[tileName(t)]!.at(-1)!)} ms / psql ${floor[tileName(t)]!.slice(-2).map(ms).join(', ')} ms`).join('; ')} (load ${loadAverage()})`);
    } finally {
      await api.stop();
    }
  }
  for (const t of targets) {
    const name = tileName(t);
    const samples = uncached[name]!;
    const p50 = median(samples);
    const f = median(floor[name]!);
    const ratio = p50 / f;
    const i = info[name]!;
    record('a', `z${t.z} tile ${name} uncached (${i.features.toLocaleString('en')} features, ${int(i.gzipBytes / 1024)} kB gzip / ${int(i.rawBytes / 1024)} kB raw); ${samples.length} fresh API processes, ${floor[name]!.length} psql runs`,
      `p50 ${ms(p50)} ms, p99 ${ms(quantile(samples, 0.99))} ms`,
      `psql ${ms(f)} ms (server alone ${ms(median(serverOnly[name]!))} ms); ratio **${ratio.toFixed(2)}×**`, '≤ 1.2× floor', ratio <= 1.2);
    console.log(`  ${name}: uncached p50 ${ms(p50)} ms vs floor ${ms(f)} ms = ${ratio.toFixed(2)}×; a second (cached) request p50 ${ms(median(cachedSingle[name]!))} ms`);
  }
  const sweepRatio = median(sweepTimes) / median(sweepFloor);
  record('a', `z16 sweep: all ${sweep.length} other interior z16 tiles, each requested once (uncached) in one process`,
    `p50 ${ms(median(sweepTimes))} ms, p99 ${ms(quantile(sweepTimes, 0.99))} ms`,
    `psql p50 ${ms(median(sweepFloor))} ms, p99 ${ms(quantile(sweepFloor, 0.99))} ms; ratio **${sweepRatio.toFixed(2)}×**`, '≤ 1.2× floor', sweepRatio <= 1.2);

  // Cached throughput: the same tile again and again; the same bytes from a bare node:http server show
  // what this client (autocannon, on the same two cores) can receive at best.
  const api = await startApi(url);
  try {
    for (const t of warm) await timedGet(`${api.url}/tiles/facilities/${tileName(t)}.mvt`);
    for (const t of [...targets, small]) {
      const tileUrl = `${api.url}/tiles/facilities/${tileName(t)}.mvt`;
      const primed = await timedGet(tileUrl);
      if (primed.status !== 200) throw new Error(`tile ${tileName(t)} answered ${primed.status}`);
      const c = await cannonRuns(`cached ${tileName(t)}`, { url: tileUrl });
      const bare = await startBareServer(primed.body);
      let b: CannonFigures;
      try {
        b = await cannonRuns(`bare node:http, same ${int(primed.body.length / 1024)} kB`, { url: bare.url });
      } finally {
        await bare.stop();
      }
      record('a', `z${t.z} tile ${tileName(t)} cached (${int(primed.body.length / 1024)} kB gzip), autocannon ${CONNECTIONS} connections × ${DURATION} s`,
        `${int(c.rps)} req/s (p50 ${c.p50} ms, p99 ${c.p99} ms)${c.non2xx + c.errors ? `, ${c.non2xx} non-2xx, ${c.errors} errors` : ''}`,
        `bare node:http sending the same bytes: ${int(b.rps)} req/s`, '≥ 5,000 req/s', c.rps >= 5000 && c.non2xx === 0);
    }
    notes.push(`API process RSS after the cached tile runs: ${int(api.memory().rssMb)} MB (peak ${int(api.memory().hwmMb)} MB).`);
  } finally {
    await api.stop();
  }
}

interface ItemsWalk {
  features: number;
  seconds: number;
  pages: number;
  finished: boolean;
  pageMs: number[];
}

/** Reads the whole collection page by page, following `next`; only the tail of each page is parsed. */
async function walkItems(apiUrl: string, deadline: number): Promise<ItemsWalk> {
  let next: string | null = `${apiUrl}/ogc/collections/facilities/items?limit=${ITEMS_LIMIT}`;
  let features = 0;
  let pages = 0;
  const pageMs: number[] = [];
  const started = performance.now();
  while (next) {
    if (Date.now() > deadline) return { features, seconds: (performance.now() - started) / 1000, pages, finished: false, pageMs };
    const page = await timedGet(next);
    if (page.status !== 200) throw new Error(`${next} answered ${page.status}: ${page.body.toString().slice(0, 500)}`);
    const text = page.body.toString('utf8');
    const tail = text.lastIndexOf('],"numberMatched"');
    const meta = JSON.parse(`{${text.slice(tail + 2)}`) as { numberReturned: number; links: { rel: string; href: string }[] };
    features += meta.numberReturned;
    pages += 1;
    pageMs.push(page.ms);
    next = meta.links.find((l) => l.rel === 'next')?.href ?? null;
  }
  return { features, seconds: (performance.now() - started) / 1000, pages, finished: true, pageMs };
}

async function items(url: string, total: number): Promise<void> {
  console.log(`\n(b) GeoJSON items: ${int(total)} features, pages of ${ITEMS_LIMIT} following next links, vs ogr2ogr`);
  const api = await startApi(url);
  let peakSampled = 0;
  const sampler = setInterval(() => {
    try {
      peakSampled = Math.max(peakSampled, api.memory().rssMb);
    } catch {
      // the process is gone
    }
  }, 50);
  const walks: ItemsWalk[] = [];
  let startRss = 0;
  try {
    await timedGet(`${api.url}/ogc/collections/facilities/items?limit=10`);
    startRss = api.memory().rssMb;
    for (let run = 0; run < ITEMS_RUNS; run++) {
      const walk = await walkItems(api.url, Date.now() + ITEMS_TIMEOUT * 1000);
      walks.push(walk);
      const half = Math.floor(walk.pageMs.length / 2);
      console.log(`  API run ${run + 1}: ${int(walk.features)} features in ${walk.seconds.toFixed(1)} s = ${int(walk.features / walk.seconds)} features/s, ${walk.pages} pages${walk.finished ? '' : ` (STOPPED after ${ITEMS_TIMEOUT} s)`}; page time first half median ${ms(median(walk.pageMs.slice(0, half)))} ms, second half ${ms(median(walk.pageMs.slice(half)))} ms, last ${ms(walk.pageMs.at(-1)!)} ms; RSS ${int(api.memory().rssMb)} MB, peak ${int(api.memory().hwmMb)} MB (load ${loadAverage()})`);
      if (!walk.finished) break;
    }
  } finally {
    clearInterval(sampler);
  }
  const { hwmMb } = api.memory();
  await api.stop();

  const u = new URL(url);
  const pg = `PG:host=${u.hostname} port=${u.port} dbname=${u.pathname.slice(1)} user=${u.username}`;
  const ogr: { seconds: number; rssMb: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    // The GeoJSON driver will not open /dev/null for writing; /vsistdout/ into an ignored stdout is the same.
    const result = spawnSync('/usr/bin/time', ['-f', '%M', 'ogr2ogr', '-f', 'GeoJSON', '/vsistdout/', pg, 'facilities'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 0) throw new Error(`ogr2ogr failed: ${result.stderr.slice(-2000)}`);
    const rssMb = Number(result.stderr.trim().split('\n').pop()) / 1024;
    ogr.push({ seconds, rssMb });
    console.log(`  ogr2ogr run ${run + 1}: ${seconds.toFixed(1)} s = ${int(total / seconds)} features/s, peak RSS ${int(rssMb)} MB (load ${loadAverage()})`);
  }
  const done = walks.filter((w) => w.finished);
  const apiRate = done.length ? median(done.map((w) => w.features / w.seconds)) : walks[0]!.features / walks[0]!.seconds;
  const apiSeconds = done.length ? median(done.map((w) => w.seconds)) : Number.NaN;
  const ogrSeconds = median(ogr.map((o) => o.seconds));
  const ogrRate = total / ogrSeconds;
  record('b', `all ${int(total)} features as GeoJSON, ${done.length || 0} complete walk(s) of ${ITEMS_LIMIT}-feature pages`,
    done.length ? `${apiSeconds.toFixed(1)} s = ${int(apiRate)} features/s` : `did not finish in ${ITEMS_TIMEOUT} s: ${int(walks[0]!.features)} features = ${int(apiRate)} features/s`,
    `ogr2ogr ${ogrSeconds.toFixed(1)} s = ${int(ogrRate)} features/s`, '≥ ogr2ogr', apiRate >= ogrRate);
  const peak = Math.max(hwmMb, peakSampled);
  record('b', 'peak RSS of the API process during the walks', `${int(peak)} MB (${int(startRss)} MB before)`, `ogr2ogr ${int(Math.max(...ogr.map((o) => o.rssMb)))} MB`, 'flat, < 200 MB', peak < 200);
}

/** Points spread over the mahalleler (each inside one), for the lookup requests. */
async function lookupPoints(knex: Knex, n: number): Promise<[number, number][]> {
  const { rows: points } = await knex.raw<{ rows: { lon: number; lat: number }[] }>(`
SELECT ST_X(p.geom) AS lon, ST_Y(p.geom) AS lat
FROM (SELECT (ST_Dump(ST_GeneratePoints(ST_Union(geom), ?, 1))).geom FROM public.neighbourhoods) p`, [n]);
  return points.map((p) => [Number(p.lon.toFixed(6)), Number(p.lat.toFixed(6))]);
}

async function lookup(url: string, knex: Knex): Promise<void> {
  console.log('\n(c) reverse lookup');
  const points = await lookupPoints(knex, 1000);
  const api = await startApi(url);
  try {
    let i = 0;
    const pathFor = () => {
      const [lon, lat] = points[i++ % points.length]!;
      return `/api/lookup?lon=${lon}&lat=${lat}`;
    };
    for (let w = 0; w < 50; w++) {
      const warm = await timedGet(`${api.url}${pathFor()}`);
      if (warm.status !== 200) throw new Error(`lookup answered ${warm.status}: ${warm.body.toString().slice(0, 300)}`);
    }
    const c = await cannonRuns('lookup', {
      url: api.url,
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: pathFor() }) }],
    });
    record('c', `GET /api/lookup, ${points.length} different points inside the mahalleler, autocannon ${CONNECTIONS} connections × ${DURATION} s`,
      `${int(c.rps)} req/s, p50 ${c.p50} ms, p99 ${c.p99} ms${c.non2xx ? `, ${c.non2xx} non-2xx` : ''}`, '–', '–', null);
  } finally {
    await api.stop();
  }
}

function mapserver(): void {
  console.log('\n(d) MapServer');
  const which = spawnSync('which', ['mapserv'], { encoding: 'utf8' });
  if (which.status !== 0) {
    console.log('  mapserv is not installed (Debian package cgi-mapserver): skipped');
    record('d', 'MapServer (cgi-mapserver) as a peer', 'skipped', '`mapserv` not installed', '–', null);
    return;
  }
  console.log(`  mapserv found at ${which.stdout.trim()}, but this benchmark has no mapfile for it yet: skipped`);
  record('d', 'MapServer (cgi-mapserver) as a peer', 'skipped', `mapserv at ${which.stdout.trim()}, no mapfile yet`, '–', null);
}

// ----------------------------------------------------------------------------------------------- main

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const url = baseUrl();
  console.log(`API benchmark${QUICK ? ' (quick)' : ''}: ${int(ROWS)} facilities, database ${url}`);
  const loadBefore = loadAverage();
  await prepareFacilitiesDatabase(url, ROWS);
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 2 } });
  try {
    const { rows: v } = await knex.raw<{ rows: { pg: string; postgis: string; n: number }[] }>(
      "SELECT current_setting('server_version') AS pg, postgis_lib_version() AS postgis, (SELECT count(*)::int FROM public.facilities) AS n");
    const total = v[0]!.n;
    const distro = /^PRETTY_NAME="?([^"\n]*)/m.exec(fs.existsSync('/etc/os-release') ? fs.readFileSync('/etc/os-release', 'utf8') : '')?.[1] ?? os.type();
    const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${distro} (kernel ${os.release()}), Node ${process.version}, PostgreSQL ${v[0]!.pg} + PostGIS ${v[0]!.postgis}`;
    console.log(`machine: ${machine}\nfacilities (current version): ${int(total)}; load average at start ${loadBefore}`);
    if (STEPS.has('tiles')) await tiles(url, knex);
    if (STEPS.has('items')) await items(url, total);
    if (STEPS.has('lookup')) await lookup(url, knex);
    if (STEPS.has('mapserver')) mapserver();

    console.log(`\n${machine}; ${new Date().toISOString().slice(0, 10)}; ${int(total)} facilities; load average ${loadBefore} at start, ${loadAverage()} at end\n`);
    console.log('| part | what | ours | floor / peer | target | met |\n|---|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.part} | ${r.what} | ${r.ours} | ${r.reference} | ${r.target} | ${r.met} |`);
    for (const n of notes) console.log(`\n${n}`);
  } finally {
    await knex.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
