import path from 'node:path';
import { EtlError } from '../errors';
import { readCsv } from './csv';
import type { ReadOptions, RecordBatches, SourceRecord } from './types';

/** Fewer records a batch than a CSV's: a GeoJSON feature or a shapefile record may be a large polygon. */
const BATCH_RECORDS = 100;

/**
 * A record-by-record reader imported when its first record is asked for, its records handed over in
 * batches: the GeoJSON, shapefile and Excel readers' libraries take about 1 s to load together, which
 * a CSV load should not pay.
 */
async function* lazily(open: () => Promise<AsyncIterable<SourceRecord>>): AsyncGenerator<SourceRecord[]> {
  let batch: SourceRecord[] = [];
  for await (const record of await open()) {
    batch.push(record);
    if (batch.length === BATCH_RECORDS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** One reader per format, chosen by the file's extension. */
export function readSource(file: string, options: ReadOptions = {}): RecordBatches {
  const ext = path.extname(file).toLowerCase();
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
