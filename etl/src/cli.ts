import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, migrateToLatest, openDatabase, recordAudit, type Database } from '@kbs/core';
import { migrations } from '@kbs/migrations';
import { EtlError } from './errors';
import { readOptionsFromFlags, type ReadFlags } from './readers/readFlags';
import { loadDataset, validateDataset } from './load';
import { createDatasetFromFile } from './createDataset';
import { createProgress } from './progress';
import { listVersions, rollbackDataset } from './versions';
import { deriveDataset, DERIVATIONS, refreshDerived } from './derive';

const USAGE = `Kullanım / usage: pnpm etl <command>
  load <file> --dataset <id> [--max-rejected 0.05] [--srid 5254] [--encoding windows-1254] [--delimiter ';'|tab]
            [--map "facility_id=Tesis No,name=Adı"] [--columns a,b,c]
                                                                  load a file (csv, xlsx, xls, geojson, shapefile zip) as a new version;
                                                                  --map reads file columns under the names the dataset expects,
                                                                  --columns names the columns of a file without a header row
  validate <file> --dataset <id> [the options of load]            check a file without writing
  create <file> --dataset <id> --title <Turkish title>            a new dataset from any table (types inferred, internal)
  runs [--dataset <id>]                                           the load log
  versions <dataset>                                              kept versions of a dataset
  rollback <dataset> <version>                                    make a kept version current again
  derive <dataset>                                                re-derive a derived dataset (${Object.keys(DERIVATIONS).join(', ')})
The database is DATABASE_URL, or the embedded one under DATA_DIR (default ./.data; stop the server first).`;

const ENCODINGS: readonly string[] = ['utf-8', 'windows-1254', 'iso-8859-9'];

const ACTOR = `cli:${os.userInfo().username}`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db.knex, migrations);
    return await work(db);
  } finally {
    await db.close();
  }
}

function share(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) fail(`--max-rejected must be a share from 0 to 1, not "${value}"`, 2);
  return n;
}

/** The published aggregates of what just changed (e.g. the citizen-request counts after a requests load). */
async function deriveAfter(knex: Database['knex'], changed: string[]): Promise<void> {
  for (const report of await refreshDerived(knex, changed, { actor: ACTOR })) {
    await recordAudit(knex, { actor: ACTOR, action: 'load', target: `dataset:${report.datasetId}`, details: { derived: true, run: report.runId, status: report.status, versions: report.versions } });
    console.log(`derived ${report.datasetId}: ${report.status}, ${report.rowsLoaded} rows`);
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dataset: { type: 'string' },
      'max-rejected': { type: 'string' },
      srid: { type: 'string' },
      title: { type: 'string' },
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
      map: { type: 'string', multiple: true },
      columns: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) fail(USAGE, command ? 0 : 2);

  switch (command) {
    case 'load':
    case 'validate': {
      const file = rest[0];
      if (!file || !values.dataset) fail(`${command} needs a file and --dataset\n\n${USAGE}`, 2);
      const maxRejectedShare = share(values['max-rejected']);
      const srid = values.srid === undefined ? undefined : Number(values.srid);
      if (srid !== undefined && !Number.isInteger(srid)) fail(`--srid must be an EPSG code such as 5254, not "${values.srid}"`, 2);
      if (values.encoding && !ENCODINGS.includes(values.encoding)) fail(`--encoding must be one of ${ENCODINGS.join(', ')}, not "${values.encoding}"`, 2);
      let read: ReturnType<typeof readOptionsFromFlags> = {};
      try {
        read = readOptionsFromFlags({
          ...(values.encoding ? { encoding: values.encoding as ReadFlags['encoding'] } : {}),
          ...(values.delimiter ? { delimiter: values.delimiter } : {}),
          ...(values.columns ? { columns: values.columns } : {}),
          ...(values.map ? { map: values.map.join(',') } : {}),
        });
      } catch (error) {
        fail(`--map: ${(error as Error).message}`, 2);
      }
      const common = {
        ...(maxRejectedShare !== undefined ? { maxRejectedShare } : {}),
        ...(srid !== undefined ? { sourceSrid: srid } : {}),
        read,
      };
      await withDatabase(async ({ knex }) => {
        if (command === 'validate') {
          const report = await validateDataset(knex, file, values.dataset!, common);
          for (const r of report.rejections) console.log(`${r.position}: ${r.reason}`);
          console.log(`${report.rowsRead} read, ${report.rowsLoaded} acceptable, ${report.rowsRejected} rejected${report.error ? ` — ${report.error}` : ''}`);
          if (!report.acceptable) process.exitCode = 1;
          return;
        }
        const progress = createProgress(values.dataset!);
        const audit = { actor: ACTOR, action: 'load' as const, target: `dataset:${values.dataset}` };
        const report = await loadDataset(knex, file, values.dataset!, {
          actor: ACTOR,
          ...common,
          rejectsDir: path.join(loadConfig().dataDir, 'rejects'),
          onCount: (n) => progress.count(n),
          onProgress: (m) => progress.message(m),
        }).catch(async (error: Error) => {
          await recordAudit(knex, { ...audit, outcome: 'failed', details: { file: path.resolve(file), error: error.message } });
          throw error;
        });
        progress.done();
        await recordAudit(knex, { ...audit, details: { file: path.resolve(file), run: report.runId, status: report.status, versions: report.versions, rows_loaded: report.rowsLoaded, rows_rejected: report.rowsRejected } });
        if (report.status === 'succeeded') await deriveAfter(knex, report.versions.map((v) => v.datasetId));
        for (const r of report.rejections.slice(0, 20)) console.log(`${r.position}: ${r.reason}`);
        if (report.rejectsFile) console.log(`all ${report.rowsRejected} rejections: ${report.rejectsFile}`);
        console.log(JSON.stringify({ status: report.status, versions: report.versions, rowsRead: report.rowsRead, rowsLoaded: report.rowsLoaded, rowsRejected: report.rowsRejected, durationMs: report.durationMs }));
      });
      return;
    }
    case 'create': {
      const file = rest[0];
      if (!file || !values.dataset || !values.title) fail(`create needs a file, --dataset and --title\n\n${USAGE}`, 2);
      await withDatabase(async ({ knex }) => {
        const { definition, report } = await createDatasetFromFile(knex, file, { id: values.dataset!, titleTr: values.title! }, { actor: ACTOR, rejectsDir: path.join(loadConfig().dataDir, 'rejects') });
        console.log(`${definition.id}: ${definition.columns.map((c) => `${c.name} ${c.type}`).join(', ')}${definition.geometryType ? `, geom ${definition.geometryType}` : ''}`);
        await recordAudit(knex, { actor: ACTOR, action: 'load', target: `dataset:${definition.id}`, details: { file: path.resolve(file), run: report.runId, status: report.status, created: true } });
        console.log(JSON.stringify({ status: report.status, rowsLoaded: report.rowsLoaded, rowsRejected: report.rowsRejected }));
      });
      return;
    }
    case 'runs':
      await withDatabase(async ({ knex }) => {
        const query = knex('catalog.etl_runs').select('id', 'dataset_id', 'status', 'version', 'rows_read', 'rows_loaded', 'rows_rejected', 'actor', 'started_at', 'finished_at', 'source', 'error').orderBy('id', 'desc').limit(100);
        if (values.dataset) query.where({ dataset_id: values.dataset });
        console.table(await query);
      });
      return;
    case 'versions': {
      const dataset = rest[0];
      if (!dataset) fail(`versions needs a dataset id\n\n${USAGE}`, 2);
      await withDatabase(async ({ knex }) => console.table(await listVersions(knex, dataset)));
      return;
    }
    case 'rollback': {
      const [dataset, version] = rest;
      if (!dataset || !version || !/^\d+$/.test(version)) fail(`rollback needs a dataset id and a version number\n\n${USAGE}`, 2);
      await withDatabase(async ({ knex }) => {
        await rollbackDataset(knex, dataset, Number(version));
        await recordAudit(knex, { actor: ACTOR, action: 'rollback', target: `dataset:${dataset}`, details: { version: Number(version) } });
        console.log(`${dataset}: version ${version} is current`);
        await deriveAfter(knex, [dataset]);
      });
      return;
    }
    case 'derive': {
      const dataset = rest[0];
      if (!dataset) fail(`derive needs a dataset id\n\n${USAGE}`, 2);
      await withDatabase(async ({ knex }) => {
        const report = await deriveDataset(knex, dataset, { actor: ACTOR, onProgress: (m) => console.log(m) });
        if (report) await recordAudit(knex, { actor: ACTOR, action: 'load', target: `dataset:${dataset}`, details: { derived: true, run: report.runId, status: report.status, versions: report.versions } });
        console.log(JSON.stringify(report ? { status: report.status, versions: report.versions, rowsLoaded: report.rowsLoaded } : { status: 'nothing to derive from' }));
      });
      return;
    }
    default:
      fail(`unknown command "${command}"\n\n${USAGE}`, 2);
  }
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof EtlError || error instanceof ConfigError) fail(error.message);
  if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  fail(`etl: ${(error as Error).message}`);
});
