/**
 * Download benchmark over a real PostGIS holding 1,000,000 generated facilities: the whole current
 * version as CSV and as GeoJSON through GET /api/datasets/facilities/downloads/{format}, side by side with
 *
 *   floor: psql `\copy (the endpoint's own SELECT) TO STDOUT` (CSV; for GeoJSON, PostGIS's
 *          ST_AsGeoJSON(record) per row) into /dev/null — what PostgreSQL alone takes to hand the rows over;
 *   peer:  `ogr2ogr -f CSV|GeoJSON /vsistdout/ PG:… facilities` into /dev/null.
 *
 * Ours is timed to the last byte at the client, the first time (the file is made while it streams: the
 * cache is emptied before each run by starting a fresh API process on an empty DATA_DIR) and once more
 * from the file cache. Peak RSS of the API process: VmHWM of a process that served only that download
 * (plus its start), and RSS sampled every 50 ms; of psql and ogr2ogr from /usr/bin/time.
 *
 *   npm run bench:downloads                 (database kbs_bench_api on the throwaway cluster of
 *                                            scripts/pg-throwaway.sh, shared with bench:api; loaded once)
 *   BENCH_QUICK=1 npm run bench:downloads   100,000 rows, one run
 *
 * Knobs: BENCH_DATABASE_URL, BENCH_ROWS, BENCH_RUNS (runs per figure, median reported), BENCH_FORMATS (csv,geojson;
 * the other formats — csv-excel, gpkg, shp, kml, xlsx — are measured without a floor or peer).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { getDataset, visibleColumns } from '@kbs/core';
import { buildRowsQuery } from '../../api/src/portal/downloads/downloadQuery';
import { loadAverage, OUT, startApi } from '../support/apiProcess';
import { benchDatabaseUrl, prepareFacilitiesDatabase } from '../support/facilitiesDatabase';

const QUICK = ['1', 'true', 'yes'].includes((process.env.BENCH_QUICK ?? '').toLowerCase());
const num = (name: string, full: number, quick: number) => Number(process.env[name] ?? (QUICK ? quick : full));
const ROWS = num('BENCH_ROWS', 1_000_000, 100_000);
const RUNS = num('BENCH_RUNS', 3, 1);
const FORMATS = (process.env.BENCH_FORMATS ?? 'csv,geojson').split(',').map((f) => f.trim());
const OGR_DRIVER: Record<string, string> = { csv: 'CSV', geojson: 'GeoJSON' };

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en') : '–');
const sec = (v: number) => `${v.toFixed(1)} s`;
const range = (values: number[], f: (v: number) => string) => (values.length > 1 ? ` (${f(Math.min(...values))}–${f(Math.max(...values))})` : '');

/** GET to the last byte, counting bytes, keeping none. */
function download(url: string): Promise<{ seconds: number; bytes: number; status: number; length: string | undefined }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get(url, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () => resolve({ seconds: (performance.now() - started) / 1000, bytes, status: response.statusCode ?? 0, length: response.headers['content-length'] }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** A command with stdout to /dev/null under /usr/bin/time: seconds and peak RSS (MB). */
function timed(command: string, args: string[]): { seconds: number; rssMb: number } {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.slice(-2000)}`);
  return { seconds, rssMb: Number(result.stderr.trim().split('\n').pop()) / 1024 };
}

interface Figures {
  seconds: number[];
  rssMb: number[];
}

const table: string[] = [];

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const url = benchDatabaseUrl(ROWS === 1_000_000 ? 'kbs_bench_api' : `kbs_bench_api_${ROWS}`);
  console.log(`Download benchmark${QUICK ? ' (quick)' : ''}: ${int(ROWS)} facilities, database ${url}`);
  const loadBefore = loadAverage();
  await prepareFacilitiesDatabase(url, ROWS);
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 2 } });
  let machine = '';
  let total = 0;
  const floorSql: Record<string, string> = {};
  try {
    const { rows: v } = await knex.raw<{ rows: { pg: string; postgis: string; n: number }[] }>(
      "SELECT current_setting('server_version') AS pg, postgis_lib_version() AS postgis, (SELECT count(*)::int FROM public.facilities) AS n");
    total = v[0]!.n;
    const distro = /^PRETTY_NAME="?([^"\n]*)/m.exec(fs.existsSync('/etc/os-release') ? fs.readFileSync('/etc/os-release', 'utf8') : '')?.[1] ?? os.type();
    machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${distro}, Node ${process.version}, PostgreSQL ${v[0]!.pg} + PostGIS ${v[0]!.postgis}`;
    const dataset = (await getDataset(knex, 'facilities'))!;
    const source = { dataset, version: dataset.currentVersion!, columns: visibleColumns(dataset, 'public'), clearance: 'public' as const };
    const csv = buildRowsQuery(source, 'table');
    floorSql.csv = `\\copy (${knex.raw(csv.sql, csv.bindings).toQuery().replace(/\s+/g, ' ')}) TO STDOUT WITH (FORMAT csv, HEADER)`;
    const geojson = buildRowsQuery(source, 'table');
    const rowsSql = knex.raw(geojson.sql.replace(/, ST_X\(geom\).*?FROM/s, ', geom FROM'), geojson.bindings).toQuery().replace(/\s+/g, ' ');
    floorSql.geojson = `\\copy (SELECT ST_AsGeoJSON(t.*, 'geom') FROM (${rowsSql}) t) TO STDOUT`;
  } finally {
    await knex.destroy();
  }
  console.log(`machine: ${machine}\nfacilities (current version): ${int(total)}; load average at start ${loadBefore}`);
  const u = new URL(url);
  const pg = `PG:host=${u.hostname} port=${u.port} dbname=${u.pathname.slice(1)} user=${u.username}`;

  for (const format of FORMATS) {
    console.log(`\n${format}: ${int(total)} rows`);
    const floor: Figures = { seconds: [], rssMb: [] };
    const peer: Figures = { seconds: [], rssMb: [] };
    const first: Figures = { seconds: [], rssMb: [] };
    const cached: number[] = [];
    let bytes = 0;
    let baseline = 0;
    const compared = format in OGR_DRIVER;
    for (let run = 0; run < RUNS; run++) {
      if (compared) {
        const f = timed('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', floorSql[format]!]);
        floor.seconds.push(f.seconds);
        floor.rssMb.push(f.rssMb);
        console.log(`  floor (psql \\copy) run ${run + 1}: ${sec(f.seconds)}, peak RSS ${int(f.rssMb)} MB (load ${loadAverage()})`);
        const p = timed('ogr2ogr', ['-f', OGR_DRIVER[format]!, '/vsistdout/', pg, 'facilities', ...(format === 'csv' ? ['-lco', 'GEOMETRY=AS_XY'] : [])]);
        peer.seconds.push(p.seconds);
        peer.rssMb.push(p.rssMb);
        console.log(`  peer (ogr2ogr) run ${run + 1}: ${sec(p.seconds)}, peak RSS ${int(p.rssMb)} MB (load ${loadAverage()})`);
      }

      // A fresh process on an empty data folder: no cached file, a high-water mark of this download only.
      const dataDir = fs.mkdtempSync(path.join(OUT, 'downloads-'));
      const api = await startApi(url, { DATA_DIR: dataDir });
      let sampled = 0;
      const sampler = setInterval(() => {
        try {
          sampled = Math.max(sampled, api.memory().rssMb);
        } catch {
          // gone
        }
      }, 50);
      try {
        baseline = api.memory().rssMb;
        const target = `${api.url}/api/datasets/facilities/downloads/${format}`;
        const made = await download(target);
        if (made.status !== 200) throw new Error(`${target} answered ${made.status}`);
        const hwm = api.memory().hwmMb;
        const again = await download(target);
        if (again.bytes !== made.bytes || again.length !== String(made.bytes)) throw new Error(`the cached file differs: ${again.bytes} vs ${made.bytes} bytes`);
        bytes = made.bytes;
        first.seconds.push(made.seconds);
        first.rssMb.push(Math.max(hwm, sampled));
        cached.push(again.seconds);
        console.log(`  ours run ${run + 1}: ${sec(made.seconds)} (${int(made.bytes / 2 ** 20)} MiB, made while streaming), cached ${sec(again.seconds)}; API RSS ${int(baseline)} MB before, peak ${int(Math.max(hwm, sampled))} MB (load ${loadAverage()})`);
      } finally {
        clearInterval(sampler);
        await api.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
    const label = OGR_DRIVER[format] ?? format;
    table.push(`| ${label}, first download (made while streaming) | ${sec(median(first.seconds))}${range(first.seconds, sec)} | ${int(total / median(first.seconds))} | ${int(median(first.rssMb))} MB (${int(baseline)} MB idle) | ${int(bytes / 2 ** 20)} MiB |`);
    table.push(`| ${label}, again (from the file cache) | ${sec(median(cached))}${range(cached, sec)} | ${int(total / median(cached))} | – | |`);
    if (!compared) continue;
    table.push(`| ${label}, floor: psql \\copy | ${sec(median(floor.seconds))}${range(floor.seconds, sec)} | ${int(total / median(floor.seconds))} | ${int(median(floor.rssMb))} MB (psql) | |`);
    table.push(`| ${label}, peer: ogr2ogr | ${sec(median(peer.seconds))}${range(peer.seconds, sec)} | ${int(total / median(peer.seconds))} | ${int(median(peer.rssMb))} MB (ogr2ogr) | |`);
  }
  console.log(`\n${machine}; ${new Date().toISOString().slice(0, 10)}; ${int(total)} facilities; median of ${RUNS} run(s); load average ${loadBefore} at start, ${loadAverage()} at end\n`);
  console.log('| what | time | rows/s | peak RSS | size |\n|---|---|---|---|---|');
  for (const line of table) console.log(line);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
