/**
 * ETL benchmark: a generated 1,000,000-row point CSV (12 columns) into a real PostGIS, three ways in one
 * run: (a) the floor — psql \copy into a plain table plus one UPDATE that builds the points; (b) GDAL's
 * ogr2ogr; (c) our pipeline (`etl load`, a separate process). Wall time, rows/s and peak RSS (GNU time).
 *
 *   BENCH_DATABASE_URL=postgres://… npm run bench:etl     (default: the throwaway cluster of scripts/pg-throwaway.sh)
 *   BENCH_ROWS=200000 for a quicker run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { createLogger, loadConfig } from '@kbs/core';
import { prepareDatabase } from '../../api/src/platform';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'bench/out');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const CATEGORIES = ['school', 'park', 'mosque', 'library', 'sports', 'wifi_point', 'security_camera'];

function baseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const url = execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['url'], { encoding: 'utf8' }).trim();
  return url.replace(/\/[^/]+$/, '/kbs_bench');
}

function writeCsv(file: string): void {
  if (fs.existsSync(file)) return;
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'facility_id,category,name,address,mahalle,latitude,longitude,source,capacity,opening_year,phone,note\n');
  let buffer = '';
  for (let i = 0; i < ROWS; i++) {
    const lat = (41.02 + ((i * 7919) % 40000) / 1e6).toFixed(6);
    const lon = (28.815 + ((i * 104729) % 50000) / 1e6).toFixed(6);
    buffer += `B${i},${CATEGORIES[i % CATEGORIES.length]},Tesis ${i},Adres ${i % 997},Merkez,${lat},${lon},bench,${i % 900},${1950 + (i % 70)},0212 000 ${String(i % 10000).padStart(4, '0')},not ${i}\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(out, buffer);
      buffer = '';
    }
  }
  fs.writeSync(out, buffer);
  fs.closeSync(out);
}

/** Runs a command under GNU time; returns seconds and peak RSS in MB. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = {}): { seconds: number; rssMb: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, cwd: ROOT, maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.slice(-2000)}`);
  const rssKb = Number(result.stderr.trim().split('\n').pop());
  return { seconds, rssMb: Math.round(rssKb / 1024) };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const csv = path.join(OUT, `points-${ROWS}.csv`);
  console.log(`› writing ${ROWS} rows to ${csv}`);
  writeCsv(csv);
  const url = baseUrl();
  const admin = knexFactory({ client: 'pg', connection: url.replace(/\/[^/]+$/, '/postgres') });
  await admin.raw('DROP DATABASE IF EXISTS kbs_bench WITH (FORCE)');
  await admin.raw('CREATE DATABASE kbs_bench');
  await admin.destroy();
  console.log('› preparing the schema and demo catalog');
  const logger = createLogger('warn');
  const prepared = await prepareDatabase({ ...loadConfig({}, ROOT), databaseUrl: url, dataDir: path.join(OUT, 'data'), demoData: true }, logger);
  await prepared.db.close();

  const results: Record<string, { seconds: number[]; rssMb: number[] }> = { floor: { seconds: [], rssMb: [] }, ogr2ogr: { seconds: [], rssMb: [] }, kbs: { seconds: [], rssMb: [] } };
  const psql = (sql: string) => execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  for (let run = 0; run < RUNS; run++) {
    psql('DROP TABLE IF EXISTS bench_floor; CREATE TABLE bench_floor (facility_id text, category text, name text, address text, mahalle text, latitude float8, longitude float8, source text, capacity int, opening_year int, phone text, note text)');
    const copy = timed('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy bench_floor FROM '${csv}' WITH (FORMAT csv, HEADER true)`, '-c', 'ALTER TABLE bench_floor ADD COLUMN geom geometry(Point, 4326)', '-c', 'UPDATE bench_floor SET geom = ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)']);
    results.floor!.seconds.push(copy.seconds);
    results.floor!.rssMb.push(copy.rssMb);
    console.log(`  floor   ${copy.seconds.toFixed(1)} s`);

    psql('DROP TABLE IF EXISTS bench_ogr');
    const u = new URL(url);
    const pg = `PG:host=${u.hostname} port=${u.port} dbname=${u.pathname.slice(1)} user=${u.username}`;
    const ogr = timed('ogr2ogr', ['-f', 'PostgreSQL', pg, csv, '-nln', 'bench_ogr', '-oo', 'X_POSSIBLE_NAMES=longitude', '-oo', 'Y_POSSIBLE_NAMES=latitude', '-oo', 'KEEP_GEOM_COLUMNS=NO', '-a_srs', 'EPSG:4326', '-lco', 'GEOMETRY_NAME=geom', '--config', 'PG_USE_COPY', 'YES']);
    results.ogr2ogr!.seconds.push(ogr.seconds);
    results.ogr2ogr!.rssMb.push(ogr.rssMb);
    console.log(`  ogr2ogr ${ogr.seconds.toFixed(1)} s`);

    // A fresh copy of the file each run, so the loader does not skip it as unchanged.
    const copyFile = path.join(OUT, `points-run${run}.csv`);
    fs.copyFileSync(csv, copyFile);
    fs.appendFileSync(copyFile, `B${ROWS + run},park,Ek ${run},,Merkez,41.03,28.85,bench,1,2000,0,x\n`);
    const ours = timed(process.execPath, ['--import', 'tsx', 'etl/src/cli.ts', 'load', copyFile, '--dataset', 'facilities'], { DATABASE_URL: url, LOG_LEVEL: 'warn' });
    results.kbs!.seconds.push(ours.seconds);
    results.kbs!.rssMb.push(ours.rssMb);
    console.log(`  kbs     ${ours.seconds.toFixed(1)} s`);
    fs.rmSync(copyFile);
  }
  console.log(`\n| loader | median time | rows/s | peak RSS |\n|---|---|---|---|`);
  for (const [name, r] of Object.entries(results)) {
    const t = median(r.seconds);
    console.log(`| ${name} | ${t.toFixed(1)} s | ${Math.round(ROWS / t).toLocaleString('en')} | ${Math.max(...r.rssMb)} MB |`);
  }
  console.log(`\nratio kbs / floor: ${(median(results.kbs!.seconds) / median(results.floor!.seconds)).toFixed(2)}; kbs / ogr2ogr: ${(median(results.kbs!.seconds) / median(results.ogr2ogr!.seconds)).toFixed(2)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
