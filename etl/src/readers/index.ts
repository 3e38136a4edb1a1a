import path from 'node:path';
import { EtlError } from '../errors';
import { renamedColumns } from './columnMap';
import { readCsv } from './csv';
import { NUL_NOTE, withoutNul } from './encoding';
import type { ReadOptions, RecordBatches, SourceRecord } from './types';

/** Fewer records a batch than a CSV's: a GeoJSON feature or a shapefile record may be a large polygon. */
const BATCH_RECORDS = 100;

/** `value` without NUL characters in any string inside it, keys included; `value` itself when it has none. */
function nulFree(value: unknown): unknown {
  if (typeof value === 'string') return value.indexOf('\0') === -1 ? value : withoutNul(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item, i) => {
      const clean = nulFree(item);
      if (clean !== item) (copy ??= [...value])[i] = clean;
    });
    return copy ?? value;
  }
  const entries = Object.entries(value);
  let copy: Record<string, unknown> | null = null;
  entries.forEach(([key, item], i) => {
    const cleanKey = nulFree(key) as string;
    const clean = nulFree(item);
    // Copied only from the first change on: most records have no NUL anywhere.
    if (!copy && (cleanKey !== key || clean !== item)) copy = Object.fromEntries(entries.slice(0, i));
    if (copy) copy[cleanKey] = clean;
  });
  return copy ?? value;
}

/**
 * The record with NUL characters removed and noted: PostgreSQL text and jsonb cannot hold them, and
 * GeoJSON's "\u0000" escapes (in names and in nested properties too) and DBF fields' NUL padding bring
 * them in.
 */
function withoutNuls(record: SourceRecord): SourceRecord {
  const values = nulFree(record.values) as SourceRecord['values'];
  if (values === record.values) return record;
  record.values = values;
  // A new array: a reader may share one notes array between records.
  record.notes = [...(record.notes ?? []), NUL_NOTE];
  return record;
}

/**
 * A record-by-record reader imported when its first record is asked for, its records handed over in
 * batches: the GeoJSON, shapefile and Excel readers' libraries take about 1 s to load together, which
 * a CSV load should not pay.
 */
async function* lazily(open: () => Promise<AsyncIterable<SourceRecord>>): AsyncGenerator<SourceRecord[]> {
  let batch: SourceRecord[] = [];
  for await (const record of await open()) {
    batch.push(withoutNuls(record));
    if (batch.length === BATCH_RECORDS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Formats where every record has every column: a column map naming a column they lack is an error. */
const TABULAR = new Set(['.csv', '.txt', '.tsv', '.xlsx', '.xls', '.htm', '.html']);

function readerFor(file: string, ext: string, options: ReadOptions): RecordBatches {
  switch (ext) {
    case '.csv': case '.txt': case '.tsv':
      return readCsv(file, options);
    case '.geojson': case '.json':
      return lazily(async () => (await import('./geojson')).readGeoJson(file, options));
    case '.zip': case '.shp':
      return lazily(async () => (await import('./shapefile')).readShapefile(file, options));
    case '.xlsx':
      return lazily(async () => (await import('./excel')).readXlsx(file, options));
    case '.xls': case '.htm': case '.html':
      return lazily(async () => (await import('./excel')).readXls(file, options));
    default:
      throw new EtlError(`${path.basename(file)}: "${ext || 'no extension'}" is not a format the ETL reads (csv, txt, tsv, geojson, json, zip, shp, xlsx, xls)`);
  }
}

/** One reader per format, chosen by the file's extension; its columns renamed when the load maps them. */
export function readSource(file: string, options: ReadOptions = {}): RecordBatches {
  const ext = path.extname(file).toLowerCase();
  const batches = readerFor(file, ext, options);
  return options.columnMap ? renamedColumns(batches, options.columnMap, TABULAR.has(ext), path.basename(file)) : batches;
}
