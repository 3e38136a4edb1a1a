/**
 * ETL benchmark: a generated 1,000,000-row point CSV (12 columns) into a real PostGIS, three ways in one
 * run: (a) the floor — psql \copy into a plain table plus one UPDATE that builds the points; and the
 * floor with the GiST index that (b) and (c) also build, timed after it; (b) GDAL's ogr2ogr; (c) our
 * pipeline (`etl load`, a separate process). Wall time, rows/s and peak RSS (GNU time).
 *
 *   BENCH_DATABASE_URL=postgres://… npm run bench:etl     (default: the throwaway cluster of scripts/pg-throwaway.sh)
 *   BENCH_ROWS=200000 for a quicker run; BENCH_RUNS=3 for medians; BENCH_LOADERS=kbs to time only some.
 *
 * The machine is shared: each timing is printed with the load average before it and the CPU time the
 * measured process used, so that a run slowed by others shows as such.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { createLogger, loadConfig } from '@kbs/core';
import { prepareDatabase } from '../../api/src/platform';
import { OUT, ROOT } from '../support/apiProcess';
import { writePointsCsv } from '../support/points';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const LOADERS = new Set((process.env.BENCH_LOADERS ?? 'floor,ogr2ogr,kbs').split(',').map((l) => l.trim()));

function baseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const url = execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['url'], { encoding: 'utf8' }).trim();
  return url.replace(/\/[^/]+$/, '/kbs_bench');
}


/** Runs a command under GNU time; returns seconds, peak RSS in MB, the CPU seconds it used and its output. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = {}): { seconds: number; rssMb: number; cpuSeconds: number; stdout: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M %U %S', command, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, cwd: ROOT, maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.slice(-2000)}`);
  const [rssKb, user, system] = result.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds, rssMb: Math.round(rssKb! / 1024), cpuSeconds: user! + system!, stdout: result.stdout };
}

/** The 1-minute load average and the busiest other processes: what else was running. */
function conditions(): string {
  const busy = spawnSync('ps', ['-eo', 'pcpu,args', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' }).stdout
    .split('\n').map((l) => l.trim()).filter((l) => l && !/^\S+\s+ps\s/.test(l) && Number(l.split(/\s+/)[0]) >= 20)
    .slice(0, 3).map((l) => `${l.replace(/\s+/, '% ').replace(/\s\S*\/node_modules\/\S*/g, ' …').slice(0, 70)}`).join('; ');
  return `load ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs${busy ? `; busy: ${busy}` : ''}`;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const csv = path.join(OUT, `points-${ROWS}.csv`);
  console.log(`› writing ${ROWS} rows to ${csv}`);
  writePointsCsv(csv, ROWS);
  const url = baseUrl();
  const admin = knexFactory({ client: 'pg', connection: url.replace(/\/[^/]+$/, '/postgres') });
  await admin.raw('DROP DATABASE IF EXISTS kbs_bench WITH (FORCE)');
  await admin.raw('CREATE DATABASE kbs_bench');
  await admin.destroy();
  console.log('› preparing the schema and demo catalog');
  const logger = createLogger('warn');
  const prepared = await prepareDatabase({ ...loadConfig({}, ROOT), databaseUrl: url, dataDir: path.join(OUT, 'data'), demoData: true }, logger);
  await prepared.db.close();

  const results: Record<string, { seconds: number[]; rssMb: number[] }> = {
    floor: { seconds: [], rssMb: [] }, 'floor + GiST index': { seconds: [], rssMb: [] }, ogr2ogr: { seconds: [], rssMb: [] }, kbs: { seconds: [], rssMb: [] },
  };
  const psql = (sql: string) => execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  for (let run = 0; run < RUNS; run++) {
    if (LOADERS.has('floor')) {
      console.log(`  (${conditions()})`);
      psql('DROP TABLE IF EXISTS bench_floor; CREATE TABLE bench_floor (facility_id text, category text, name text, address text, mahalle text, latitude float8, longitude float8, source text, capacity int, opening_year int, phone text, note text)');
      const copy = timed('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy bench_floor FROM '${csv}' WITH (FORMAT csv, HEADER true)`, '-c', 'ALTER TABLE bench_floor ADD COLUMN geom geometry(Point, 4326)', '-c', 'UPDATE bench_floor SET geom = ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)']);
      results.floor!.seconds.push(copy.seconds);
      results.floor!.rssMb.push(copy.rssMb);
      // The spatial index that ogr2ogr and ours build and that every served layer needs, timed apart.
      const index = timed('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', 'CREATE INDEX ON bench_floor USING gist (geom)']);
      results['floor + GiST index']!.seconds.push(copy.seconds + index.seconds);
      results['floor + GiST index']!.rssMb.push(Math.max(copy.rssMb, index.rssMb));
      console.log(`  floor   ${copy.seconds.toFixed(1)} s, + GiST index ${index.seconds.toFixed(1)} s`);
    }

    if (LOADERS.has('ogr2ogr')) {
      console.log(`  (${conditions()})`);
      psql('DROP TABLE IF EXISTS bench_ogr');
      const u = new URL(url);
      const pg = `PG:host=${u.hostname} port=${u.port} dbname=${u.pathname.slice(1)} user=${u.username}`;
      const ogr = timed('ogr2ogr', ['-f', 'PostgreSQL', pg, csv, '-nln', 'bench_ogr', '-oo', 'X_POSSIBLE_NAMES=longitude', '-oo', 'Y_POSSIBLE_NAMES=latitude', '-oo', 'KEEP_GEOM_COLUMNS=NO', '-a_srs', 'EPSG:4326', '-lco', 'GEOMETRY_NAME=geom', '--config', 'PG_USE_COPY', 'YES']);
      results.ogr2ogr!.seconds.push(ogr.seconds);
      results.ogr2ogr!.rssMb.push(ogr.rssMb);
      console.log(`  ogr2ogr ${ogr.seconds.toFixed(1)} s (${ogr.cpuSeconds.toFixed(1)} s CPU)`);
    }

    if (LOADERS.has('kbs')) {
      console.log(`  (${conditions()})`);
      // A fresh copy of the file each run, so the loader does not skip it as unchanged.
      const copyFile = path.join(OUT, `points-run${run}.csv`);
      fs.copyFileSync(csv, copyFile);
      fs.appendFileSync(copyFile, `B${ROWS + run},park,Ek ${run},,Merkez,41.03,28.85,bench,1,2000,0,x\n`);
      const ours = timed(process.execPath, ['--import', 'tsx', 'etl/src/cli.ts', 'load', copyFile, '--dataset', 'facilities'], { DATABASE_URL: url, LOG_LEVEL: 'warn' });
      results.kbs!.seconds.push(ours.seconds);
      results.kbs!.rssMb.push(ours.rssMb);
      const inLoad = /"durationMs":(\d+)/.exec(ours.stdout)?.[1];
      console.log(`  kbs     ${ours.seconds.toFixed(1)} s (${ours.cpuSeconds.toFixed(1)} s CPU in node${inLoad ? `; ${(Number(inLoad) / 1000).toFixed(1)} s in loadDataset, the rest start-up` : ''})`);
      fs.rmSync(copyFile);
    }
  }
  console.log(`\n| loader | median time | rows/s | peak RSS |\n|---|---|---|---|`);
  for (const [name, r] of Object.entries(results)) {
    if (r.seconds.length === 0) continue;
    const t = median(r.seconds);
    console.log(`| ${name} | ${t.toFixed(1)} s | ${Math.round(ROWS / t).toLocaleString('en')} | ${Math.max(...r.rssMb)} MB |`);
  }
  if (LOADERS.has('kbs') && LOADERS.has('floor') && LOADERS.has('ogr2ogr')) {
    const ratio = (to: string) => (median(results.kbs!.seconds) / median(results[to]!.seconds)).toFixed(2);
    console.log(`\nratio kbs / floor: ${ratio('floor')}; kbs / (floor + GiST index): ${ratio('floor + GiST index')}; kbs / ogr2ogr: ${ratio('ogr2ogr')}`);
  }
  console.log(`(${conditions()})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
