import path from 'node:path';
import { EtlError } from '../errors';
import { readCsv } from './csv';
import type { ReadOptions, SourceRecord } from './types';

/**
 * A reader imported when its first record is asked for: the GeoJSON, shapefile and Excel readers'
 * libraries take about 1 s to load together, which a CSV load should not pay.
 */
async function* lazily(open: () => Promise<AsyncIterable<SourceRecord>>): AsyncGenerator<SourceRecord> {
  yield* await open();
}

/** One reader per format, chosen by the file's extension. */
export function readSource(file: string, options: ReadOptions = {}): AsyncIterable<SourceRecord> {
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
