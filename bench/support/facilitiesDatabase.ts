import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import knexFactory from 'knex';
import { createLogger, loadConfig } from '@kbs/core';
import { prepareDatabase } from '../../api/src/platform';
import { OUT, ROOT } from './apiProcess';
import { writePointsCsv } from './points';

/** The benchmarks' database URL: BENCH_DATABASE_URL, else `database` on the throwaway cluster of scripts/pg-throwaway.sh. */
export function benchDatabaseUrl(database: string): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const url = execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['url'], { encoding: 'utf8' }).trim();
  return url.replace(/\/[^/]+$/, `/${database}`);
}

/**
 * A PostGIS database with the schema, the demo catalog and `rows` generated facilities loaded through
 * the ETL (`etl load`, as an operator would); a database that has them already is left as it is.
 */
export async function prepareFacilitiesDatabase(url: string, rows: number): Promise<void> {
  const int = (v: number) => Math.round(v).toLocaleString('en');
  const database = new URL(url).pathname.slice(1);
  const admin = knexFactory({ client: 'pg', connection: url.replace(/\/[^/]+$/, '/postgres') });
  const exists = await admin.raw<{ rows: unknown[] }>('SELECT 1 FROM pg_database WHERE datname = ?', [database]);
  if (exists.rows.length === 0) {
    console.log(`› creating database ${database}`);
    await admin.raw(`CREATE DATABASE ??`, [database]);
  }
  await admin.destroy();
  console.log('› preparing the schema and demo catalog (prepareDatabase)');
  const prepared = await prepareDatabase({ ...loadConfig({}, ROOT), databaseUrl: url, dataDir: path.join(OUT, 'data'), demoData: true }, createLogger('warn'));
  const { rows: counted } = await prepared.db.knex.raw<{ rows: { n: number }[] }>('SELECT count(*)::int AS n FROM public.facilities');
  await prepared.db.close();
  const have = counted[0]!.n;
  if (have >= rows) {
    console.log(`› ${int(have)} facilities already loaded; skipping the load`);
    return;
  }
  const csv = path.join(OUT, `points-${rows}.csv`);
  console.log(`› ${int(have)} facilities present; loading ${int(rows)} from ${csv} through the ETL (etl load, ~150 s for 1M)`);
  writePointsCsv(csv, rows);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'etl/src/cli.ts', 'load', csv, '--dataset', 'facilities'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', DATA_DIR: path.join(OUT, 'data') },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) throw new Error(`etl load failed: ${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}`);
  console.log(`  loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.stdout.trim().split('\n').pop()}`);
  execFileSync('psql', [url, '-X', '-q', '-c', 'VACUUM ANALYZE data.facilities']);
}
