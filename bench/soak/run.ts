/**
 * Soak: 200 concurrent connections for 60 s of mixed reads — vector tiles, OGC items (with bbox and CQL2
 * filters), reverse lookups, nearest facilities, mahalle profiles — against the platform on a real
 * PostGIS (the throwaway cluster of scripts/pg-throwaway.sh, database kbs_soak with the demo data).
 * Reports requests, errors (non-2xx/204/304 and socket errors), latency p50/p99, and the API process's
 * memory before, after, and at its peak.
 *
 *   npm run bench:soak                 BENCH_SOAK_SECONDS=60 BENCH_SOAK_CONNECTIONS=200
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import knexFactory from 'knex';
import { createLogger, loadConfig } from '@kbs/core';
import { prepareDatabase } from '../../api/src/platform';
import { loadAverage, OUT, ROOT, startApi } from '../support/apiProcess';
import { tileOf } from '../support/points';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_SOAK_CONNECTIONS ?? 200);
// Inside the district, so that every lookup lands in a mahalle (outside, a 404 is the right answer).
const AREA = { minLon: 28.825, maxLon: 28.852, minLat: 41.03, maxLat: 41.05 };

function databaseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  return execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['url'], { encoding: 'utf8' }).trim().replace(/\/[^/]+$/, '/kbs_soak');
}

const random = (min: number, max: number) => min + Math.random() * (max - min);
function tile(z: number): string {
  const t = tileOf(random(AREA.minLon, AREA.maxLon), random(AREA.minLat, AREA.maxLat), z);
  return `${t.z}/${t.x}/${t.y}`;
}

/** One request of the mix, drawn at random for every request a connection sends. */
function nextPath(): string {
  const lon = random(AREA.minLon, AREA.maxLon).toFixed(5);
  const lat = random(AREA.minLat, AREA.maxLat).toFixed(5);
  const r = Math.random();
  if (r < 0.4) return `/tiles/base/${tile(13 + Math.floor(Math.random() * 4))}.mvt`;
  if (r < 0.55) return `/ogc/collections/facilities/items?limit=50&bbox=${(+lon - 0.005).toFixed(5)},${(+lat - 0.004).toFixed(5)},${lon},${lat}`;
  if (r < 0.62) return `/ogc/collections/facilities/items?limit=20&filter=${encodeURIComponent("category = 'park' AND name LIKE '%Park%'")}`;
  if (r < 0.8) return `/api/lookup?lon=${lon}&lat=${lat}`;
  if (r < 0.9) return `/api/facilities/nearest?lon=${lon}&lat=${lat}&k=5`;
  if (r < 0.95) return '/api/neighbourhoods';
  return '/api/neighbourhoods/40159/profile';
}

async function main() {
  const url = databaseUrl();
  const admin = knexFactory({ client: 'pg', connection: url.replace(/\/[^/]+$/, '/postgres') });
  const exists = (await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', ['kbs_soak'])).rows.length > 0;
  if (!exists) await admin.raw('CREATE DATABASE kbs_soak');
  await admin.destroy();
  console.log('› preparing kbs_soak (schema and demo data, once)');
  const prepared = await prepareDatabase({ ...loadConfig({}, ROOT), databaseUrl: url, dataDir: path.join(OUT, 'data'), demoData: true }, createLogger('warn'));
  await prepared.db.close();

  const api = await startApi(url);
  // Warm the process (JIT, pool, tile cache empty) with a short run before the measured one.
  await autocannon({ url: api.url, connections: 20, duration: 3, requests: [{ setupRequest: (req) => ({ ...req, path: nextPath() }) }] });
  const before = api.memory();
  console.log(`› soak: ${CONNECTIONS} connections, ${SECONDS} s, load average ${loadAverage()}`);
  let errors = 0;
  const failedPaths = new Set<string>();
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: api.url,
        connections: CONNECTIONS,
        duration: SECONDS,
        timeout: 10,
        requests: [{
          setupRequest: (req, context) => {
            const path = nextPath();
            (context as { path?: string }).path = path;
            return { ...req, path };
          },
          onResponse: (status, _body, context) => {
            if (![200, 204, 304].includes(status)) failedPaths.add(`${status} ${(context as { path?: string }).path ?? ''}`);
          },
        }],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    // A progress bar on a terminal; otherwise a line every 10 s.
    if (process.stderr.isTTY) autocannon.track(instance, { renderProgressBar: true, renderResultsTable: false, renderLatencyTable: false });
    else {
      let seconds = 0;
      (instance as unknown as NodeJS.EventEmitter).on('tick', (counter: { counter: number }) => {
        seconds += 1;
        if (seconds % 10 === 0) console.log(`  ${seconds} s: ${counter.counter} requests in the last second, RSS ${Math.round(api.memory().rssMb)} MB`);
      });
    }
  });
  const after = api.memory();
  await api.stop();
  for (const [code, n] of Object.entries(result.statusCodeStats ?? {})) statuses.set(Number(code), (n as { count: number }).count);
  for (const [code, n] of statuses) if (![200, 204, 304].includes(code)) errors += n;
  errors += result.errors + result.timeouts;
  const figures = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    statuses: Object.fromEntries(statuses),
    errors,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    memoryMb: { before: Math.round(before.rssMb), after: Math.round(after.rssMb), peak: Math.round(after.hwmMb) },
  };
  console.log(JSON.stringify(figures, null, 2));
  if (errors > 0) console.log(`non-2xx samples: ${[...failedPaths].slice(0, 10).join(" | ")}`);
  console.log(`\n| connections | duration | requests | req/s | errors | p50 | p99 | RSS before → after (peak) |\n|---|---|---|---|---|---|---|---|`);
  console.log(`| ${CONNECTIONS} | ${SECONDS} s | ${figures.requests.toLocaleString('en')} | ${figures.requestsPerSecond.toLocaleString('en')} | ${errors} | ${figures.latencyMs.p50} ms | ${figures.latencyMs.p99} ms | ${figures.memoryMb.before} → ${figures.memoryMb.after} MB (${figures.memoryMb.peak} MB) |`);
  if (errors > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
