import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { getDataset, type Dataset } from '@kbs/core';
import { DISTRICT_EXTENT, type Extent } from './coordinates';
import { withDatasetLocks } from './datasetLock';
import { databaseRefusal, DuplicateKeysError, EtlError } from './errors';
import { keyHash, KeyHashes, repeatedKeysInFile, repeatedKeysMessage } from './repeatedKeys';
import { fetchSource, type Validators } from './fetchSource';
import type { ReadOptions } from './readers/types';
import { PIPELINES } from './pipelines';
import { genericPipeline } from './pipelines/generic';
import type { Pipeline } from './pipelines/types';
import { defaultLoader, openRowSink, type Loader, type RowSink } from './rowSink';
import type { Row } from './staging';
import { beginVersion, dropAbandonedVersions, finishVersion, partitionName, retireOldVersions, switchVersions } from './staging';

export interface LoadOptions {
  /** Who runs the load (a user name, "cli", "demo"), kept in the run log. */
  actor?: string;
  /** Fail the load when more than this share of records is rejected (0–1). */
  maxRejectedShare?: number;
  /** EPSG code of the source coordinates. */
  sourceSrid?: number;
  batchSize?: number;
  onProgress?: (message: string) => void;
  /** Wait while another load, rollback or edit holds the dataset, instead of refusing at once. */
  wait?: boolean;
  /** Called as records are read, with the count so far. */
  onCount?: (recordsRead: number) => void;
  /** How to read the file where detection is not enough: encoding, delimiter, header names, a column map. */
  read?: Pick<ReadOptions, 'encoding' | 'delimiter' | 'columns' | 'columnMap'>;
  /** Points outside [minLon, minLat, maxLon, maxLat] are rejected (default: the district and ~1 km). */
  extent?: Extent;
  /** Folder for the rejects file (CSV: position, reason) of a load that rejected anything. */
  rejectsDir?: string;
  /**
   * How rows reach the database: `copy` (COPY FROM STDIN, a real PostgreSQL) or `insert` (batched jsonb
   * statements, any engine). Default: `copy` unless the database is the embedded engine.
   */
  loader?: Loader;
}

export interface Rejection {
  position: string;
  reason: string;
}

export interface LoadReport {
  runId: number;
  datasetId: string;
  source: string;
  fileHash: string;
  status: 'succeeded' | 'unchanged' | 'failed';
  versions: { datasetId: string; version: number; rows: number }[];
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** The first rejections (all are counted). */
  rejections: Rejection[];
  /** What was repaired or decided on the way, with how many records it touched. */
  notes: Record<string, number>;
  /** Findings about the loaded data as a whole (from SQL checks). */
  warnings: string[];
  /** Every rejected record with its position and reason, when `rejectsDir` was given. */
  rejectsFile?: string;
  error?: string;
  durationMs: number;
}

const MAX_REPORTED_REJECTIONS = 1000;

interface Counts {
  /** Receives every rejection (the report keeps only the first ones). */
  onReject?: (rejection: Rejection) => void;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rejections: Rejection[];
  /** What was repaired or decided on the way, with how many records it touched. */
  notes: Record<string, number>;
}

/** Adds a record's notes to the counts. */
function countNotes(counts: Counts, notes: string[] | undefined): void {
  if (notes) for (const note of notes) counts.notes[note] = (counts.notes[note] ?? 0) + 1;
}

/**
 * Reads and checks every record, counting into `counts`; hands the accepted rows per target dataset
 * to `accept` (awaited only when it returns a promise: no second async iteration per record).
 */
async function forEachAccepted(
  pipeline: Pipeline<unknown>,
  source: string,
  readOptions: ReadOptions,
  state: unknown,
  counts: Counts,
  accept: (rows: Record<string, Row[]>, crs: string | undefined) => Promise<void> | undefined,
): Promise<void> {
  for await (const batch of pipeline.read(source, readOptions)) for (const record of batch) {
    counts.rowsRead += 1;
    const result = record.error ? { reject: record.error } : pipeline.transform(record, state);
    if ('reject' in result) {
      counts.rowsRejected += 1;
      const rejection = { position: record.position, reason: result.reject };
      if (counts.rejections.length < MAX_REPORTED_REJECTIONS) counts.rejections.push(rejection);
      counts.onReject?.(rejection);
      continue;
    }
    countNotes(counts, record.notes);
    countNotes(counts, result.notes);
    counts.rowsLoaded += 1;
    const wait = accept(result.rows, record.crs);
    if (wait) await wait;
  }
}

/**
 * The message of a load refused for repeated keys, with where they are: the file read again (only
 * after such a refusal) for the keys the database named.
 */
async function locateRepeatedKeys(pipeline: Pipeline<unknown>, source: string, readOptions: ReadOptions, state: unknown, refusal: DuplicateKeysError): Promise<string> {
  const named = new Set(refusal.keys.map((k) => k.key));
  const repeated = await repeatedKeysInFile(pipeline, source, readOptions, state, refusal, (key) => named.has(key));
  return repeatedKeysMessage(refusal.keyColumn, repeated, refusal.total);
}

/** What `validate` says of keys a load would refuse as repeated (null when none repeats). */
async function repeatedKeysProblem(
  pipeline: Pipeline<unknown>,
  source: string,
  readOptions: ReadOptions,
  state: unknown,
  datasets: Map<string, Dataset>,
  hashes: Map<string, KeyHashes>,
): Promise<string | null> {
  for (const [datasetId, keyHashes] of hashes) {
    const candidates = keyHashes.repeated();
    if (candidates.size === 0) continue;
    const keyColumn = datasets.get(datasetId)!.idColumn;
    const repeated = await repeatedKeysInFile(pipeline, source, readOptions, state, { datasetId, keyColumn }, (key) => candidates.has(keyHash(key)));
    if (repeated.length) return repeatedKeysMessage(keyColumn, repeated);
  }
  return null;
}

function readOptionsOf(options: Pick<LoadOptions, 'read' | 'sourceSrid'>): ReadOptions {
  return { ...(options.read ?? {}), ...(options.sourceSrid !== undefined ? { sourceSrid: options.sourceSrid } : {}) };
}

/** The read options as a text that is the same however they were written (a column map in any order). */
function readingOf(options: ReadOptions): string {
  const map = options.columnMap ? Object.entries(options.columnMap).sort(([a], [b]) => (a < b ? -1 : 1)) : undefined;
  return JSON.stringify(Object.entries({ ...options, ...(map ? { columnMap: map } : {}) }).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Whether a run read its source this way (runs from before readings were kept read with no options). */
function readTheSameWay(run: { report?: { reading?: string } | null } | undefined, reading: string): boolean {
  return (run?.report?.reading ?? readingOf({})) === reading;
}

/**
 * Whether the current version came from this very file read the same way: the same file read with
 * another encoding, column map or CRS is a new version, not a no-op (it is how a wrong reading is put right).
 */
async function sameAsCurrent(knex: Knex, current: { file_hash: string | null; run_id: number | null } | undefined, fileHash: string, reading: string): Promise<boolean> {
  if (!current || current.file_hash !== fileHash) return false;
  const run = current.run_id === null ? undefined : await knex('catalog.etl_runs').select('report').where({ id: current.run_id }).first();
  return readTheSameWay(run, reading);
}

function checkRejectedShare(counts: Counts, source: string, maxShare: number): void {
  if (counts.rowsRead === 0) throw new EtlError(`${source} holds no records`);
  // Whatever the threshold: a version with nothing in it would blank the dataset.
  if (counts.rowsRejected === counts.rowsRead) throw new EtlError(`all ${counts.rowsRead} records were rejected; nothing was loaded`);
  if (counts.rowsRejected / counts.rowsRead > maxShare) {
    throw new EtlError(`${counts.rowsRejected} of ${counts.rowsRead} records were rejected, more than ${(maxShare * 100).toFixed(1)} %; nothing was loaded`);
  }
}

async function pipelineFor(knex: Knex, datasetId: string): Promise<Pipeline<unknown>> {
  const pipeline = PIPELINES[datasetId];
  if (pipeline) return pipeline;
  if (await knex('catalog.generic_sources').where({ dataset_id: datasetId }).first()) return genericPipeline(datasetId) as Pipeline<unknown>;
  throw new EtlError(`no pipeline loads dataset "${datasetId}"; known: ${Object.keys(PIPELINES).join(', ')} and datasets created from files`);
}

async function targetDatasets(knex: Knex, pipeline: Pipeline<unknown>): Promise<Map<string, Dataset>> {
  const datasets = new Map<string, Dataset>();
  for (const id of pipeline.targets) {
    const dataset = await getDataset(knex, id);
    if (!dataset) throw new EtlError(`dataset "${id}" is not in the catalog (start the platform once to create the catalog)`);
    datasets.set(id, dataset);
  }
  return datasets;
}

export interface ValidationReport extends Counts {
  datasetId: string;
  source: string;
  /** Whether a load of this file would be accepted. */
  acceptable: boolean;
  error?: string;
}

/** The checks of a load, without writing anything. */
export async function validateDataset(knex: Knex, source: string, datasetId: string, options: Pick<LoadOptions, 'maxRejectedShare' | 'read' | 'extent' | 'sourceSrid'> = {}): Promise<ValidationReport> {
  const pipeline = await pipelineFor(knex, datasetId);
  if (!fs.existsSync(source)) throw new EtlError(`${source}: no such file`);
  const datasets = await targetDatasets(knex, pipeline);
  const state = pipeline.prepare ? await pipeline.prepare({ knex, datasets, extent: options.extent ?? DISTRICT_EXTENT, ...(options.sourceSrid !== undefined ? { sourceSrid: options.sourceSrid } : {}) }) : undefined;
  const counts: Counts = { rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rejections: [], notes: {} };
  // Each target's keys, hashed: a load refuses a file whose keys repeat, so validate must say so too.
  const hashes = new Map([...datasets.values()].map((d) => [d.id, new KeyHashes()]));
  await forEachAccepted(pipeline, source, readOptionsOf(options), state, counts, (rowsByTarget) => {
    for (const id in rowsByTarget) {
      const keyColumn = datasets.get(id)?.idColumn;
      for (const row of rowsByTarget[id]!) if (keyColumn && row[keyColumn] !== null && row[keyColumn] !== undefined) hashes.get(id)?.add(String(row[keyColumn]));
    }
    return undefined;
  });
  try {
    checkRejectedShare(counts, source, options.maxRejectedShare ?? 0.05);
  } catch (error) {
    return { datasetId, source, ...counts, acceptable: false, error: (error as Error).message };
  }
  const repeated = await repeatedKeysProblem(pipeline, source, readOptionsOf(options), state, datasets, hashes);
  return repeated ? { datasetId, source, ...counts, acceptable: false, error: repeated } : { datasetId, source, ...counts, acceptable: true };
}

/** One CSV field, quoted only when it needs to be (the rejects file, the derived datasets' files). */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A record's rows for several datasets, each to its sink in turn. */
async function writeAll(sinks: Map<string, RowSink>, rowsByTarget: Record<string, Row[]>, crs: string): Promise<void> {
  for (const id in rowsByTarget) {
    const sink = sinks.get(id);
    if (!sink) throw new EtlError(`the pipeline made rows for "${id}", which it does not name as a target`);
    const wait = sink.write(rowsByTarget[id]!, crs);
    if (wait) await wait;
  }
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  // 1 MB reads, as the CSV reader's: a 100 MB file hashes in about 0.12 s instead of 0.2 s.
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * file → reader → rows → validation → staged partitions → one short switch transaction.
 * Until the switch nothing a reader sees changes; a failure or a kill leaves only staged partitions,
 * which the next load of the dataset drops.
 */
/** Loads a file, or a URL fetched conditionally (an unchanged source is a no-op that says so). */
export async function loadDataset(knex: Knex, source: string, datasetId: string, options: LoadOptions = {}): Promise<LoadReport> {
  if (!/^https?:\/\//i.test(source)) return loadFile(knex, source, datasetId, options);
  const last = await knex('catalog.etl_runs').where({ dataset_id: datasetId, source }).whereIn('status', ['succeeded', 'unchanged'])
    .whereRaw("report -> 'validators' IS NOT NULL").orderBy('id', 'desc').first();
  // Asked conditionally only when it is to be read as it was last time: read another way, it is a new version.
  const reading = readingOf(readOptionsOf(options));
  const fetched = await fetchSource(source, last && readTheSameWay(last, reading) ? last.report?.validators ?? {} : {});
  if (fetched.notModified) {
    const [run] = await knex('catalog.etl_runs')
      .insert({ dataset_id: datasetId, source, status: 'unchanged', actor: options.actor ?? 'system', finished_at: knex.fn.now(),
        report: JSON.stringify({ validators: last.report.validators, notModified: true, reading }) })
      .returning('id');
    options.onProgress?.(`${datasetId}: ${source} is not modified since the last load; nothing to do`);
    return { runId: Number((run as { id: number }).id), datasetId, source, fileHash: last.file_hash ?? '', status: 'unchanged', versions: [],
      rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rejections: [], notes: { 'not modified (HTTP 304)': 1 }, warnings: [], durationMs: 0 };
  }
  try {
    return await loadFile(knex, fetched.file, datasetId, { ...options, sourceLabel: source, validators: fetched.validators });
  } finally {
    fetched.cleanup();
  }
}

/**
 * Loads a file through a pipeline the caller names instead of the dataset's own: the way the ETL
 * writes the datasets it derives (etl/src/derive), which no upload or `etl load` may name.
 */
export function loadWithPipeline(
  knex: Knex,
  file: string,
  datasetId: string,
  pipeline: Pipeline<unknown>,
  options: LoadOptions & { sourceLabel: string; held?: boolean },
): Promise<LoadReport> {
  return loadFile(knex, file, datasetId, { ...options, pipeline });
}

type FileLoadOptions = LoadOptions & {
  sourceLabel?: string;
  validators?: Validators;
  pipeline?: Pipeline<unknown>;
  /** The caller holds the datasets already (a derivation reads its sources under the same hold). */
  held?: boolean;
};

async function loadFile(knex: Knex, file: string, datasetId: string, options: FileLoadOptions = {}): Promise<LoadReport> {
  const started = Date.now();
  const pipeline = options.pipeline ?? await pipelineFor(knex, datasetId);
  if (!fs.existsSync(file)) throw new EtlError(`${file}: no such file`);
  const datasets = await targetDatasets(knex, pipeline);
  const fileHash = await sha256OfFile(file);
  const load = () => loadLocked(knex, file, datasetId, { pipeline, datasets, fileHash, started }, options);
  return options.held ? load() : withDatasetLocks(knex, [...datasets.keys()], load, options.wait ? { wait: true } : {});
}

/** The load itself, holding its datasets: what is staged and not switched is nobody's but an earlier, dead load's. */
async function loadLocked(
  knex: Knex,
  file: string,
  datasetId: string,
  { pipeline, datasets, fileHash, started }: { pipeline: Pipeline<unknown>; datasets: Map<string, Dataset>; fileHash: string; started: number },
  options: FileLoadOptions,
): Promise<LoadReport> {
  const source = options.sourceLabel ?? file;
  const progress = options.onProgress ?? (() => {});
  const reading = readingOf(readOptionsOf(options));
  for (const dataset of datasets.values()) await dropAbandonedVersions(knex, dataset);

  const [run] = await knex('catalog.etl_runs')
    .insert({ dataset_id: datasetId, source, file_hash: fileHash, status: 'running', actor: options.actor ?? 'system' })
    .returning('id');
  const runId = Number((run as { id: number }).id);
  const report: LoadReport & Pick<Counts, 'onReject'> = {
    runId, datasetId, source, fileHash, status: 'failed', versions: [],
    rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rejections: [], notes: {}, warnings: [], durationMs: 0,
  };
  let rejects: fs.WriteStream | null = null;
  if (options.rejectsDir) {
    const file = path.join(options.rejectsDir, `run-${runId}-${datasetId}-rejects.csv`);
    report.onReject = (r: Rejection) => {
      if (!rejects) {
        fs.mkdirSync(options.rejectsDir!, { recursive: true });
        rejects = fs.createWriteStream(file);
        rejects.write('\ufeffposition,reason\n');
        report.rejectsFile = file;
      }
      rejects.write(`${csvField(r.position)},${csvField(r.reason)}\n`);
    };
  }
  const finishRun = async (status: LoadReport['status'], error?: string) => {
    delete report.onReject;
    if (rejects) await new Promise<void>((resolve) => rejects!.end(() => resolve()));
    report.status = status;
    report.durationMs = Date.now() - started;
    if (error) report.error = error;
    await knex('catalog.etl_runs').where({ id: runId }).update({
      status,
      finished_at: knex.fn.now(),
      rows_read: report.rowsRead,
      rows_loaded: report.rowsLoaded,
      rows_rejected: report.rowsRejected,
      version: report.versions[0]?.version ?? null,
      report: JSON.stringify({ versions: report.versions, rejections: report.rejections.slice(0, 100), notes: report.notes, warnings: report.warnings, rejectsFile: report.rejectsFile ?? null, reading, ...(options.validators ? { validators: options.validators } : {}) }),
      error: error ?? null,
    });
    return report;
  };

  const current = await knex('catalog.versions').where({ dataset_id: datasetId, status: 'current' }).first();
  if (await sameAsCurrent(knex, current, fileHash, reading)) {
    progress(`${datasetId}: ${source} is unchanged since version ${current.version}; nothing to do`);
    return finishRun('unchanged');
  }

  const staged: { dataset: Dataset; version: number }[] = [];
  const sinks = new Map<string, RowSink>();
  let state: unknown;
  try {
    state = pipeline.prepare ? await pipeline.prepare({ knex, datasets, extent: options.extent ?? DISTRICT_EXTENT, ...(options.sourceSrid !== undefined ? { sourceSrid: options.sourceSrid } : {}) }) : undefined;
    const loader = options.loader ?? await defaultLoader(knex);
    for (const dataset of datasets.values()) {
      const version = await beginVersion(knex, dataset, runId, fileHash);
      staged.push({ dataset, version });
      sinks.set(dataset.id, openRowSink(loader, knex, dataset, version, { batchSize: options.batchSize ?? 2000 }));
    }
    // The source's CRS: what the load says, else what the reader found (a .prj), else WGS84.
    let sourceCrs = options.sourceSrid !== undefined ? `EPSG:${options.sourceSrid}` : undefined;
    const sinkList = [...sinks.entries()];
    const single = sinkList.length === 1 ? sinkList[0]! : null;
    await forEachAccepted(pipeline, file, readOptionsOf(options), state, report, (rowsByTarget, crs) => {
      sourceCrs ??= crs;
      if (report.rowsRead % 1000 === 0) options.onCount?.(report.rowsRead);
      // Record by record: the sinks batch, and say when to wait (a batch going in, PostgreSQL behind).
      if (single) {
        const rows = rowsByTarget[single[0]];
        return rows ? single[1].write(rows, sourceCrs ?? 'EPSG:4326') : undefined;
      }
      return writeAll(sinks, rowsByTarget, sourceCrs ?? 'EPSG:4326');
    });
    // Judged before the last rows go in: a load over the threshold rolls back instead of committing.
    checkRejectedShare(report, file, options.maxRejectedShare ?? 0.05);
    for (const sink of sinks.values()) await sink.finish();
    for (const { dataset, version } of staged) {
      const partition = partitionName(dataset, version);
      if (pipeline.finalise) report.warnings.push(...((await pipeline.finalise(knex, dataset, partition)) ?? []));
      const check = pipeline.check;
      const rows = await finishVersion(knex, dataset, version, check ? async () => void report.warnings.push(...await check(knex, dataset, partition)) : undefined);
      report.versions.push({ datasetId: dataset.id, version, rows });
    }
    await switchVersions(knex, staged);
    for (const dataset of datasets.values()) await retireOldVersions(knex, dataset);
    progress(`${datasetId}: version ${report.versions[0]!.version} is current (${report.rowsLoaded} loaded, ${report.rowsRejected} rejected)`);
    return finishRun('succeeded');
  } catch (error) {
    // The sinks first: a COPY transaction holds its partition, which the drop below would wait for.
    for (const sink of sinks.values()) await sink.abort();
    for (const dataset of datasets.values()) await dropAbandonedVersions(knex, dataset).catch(() => {});
    report.versions = [];
    const message = error instanceof DuplicateKeysError ? await locateRepeatedKeys(pipeline, file, readOptionsOf(options), state, error).catch(() => error.message)
      : error instanceof EtlError ? error.message
      : `load failed: ${databaseRefusal(error)}; nothing was loaded`;
    // Operators see the database's own words in the run log; callers get the message above.
    await finishRun('failed', error instanceof EtlError ? message : `${message} [${(error as Error).message}]`);
    throw error instanceof EtlError && !(error instanceof DuplicateKeysError) ? error : new EtlError(message);
  }
}
