import path from 'node:path';
import { EtlError } from '../errors';
import { readCsv } from './csv';
import { readXls, readXlsx } from './excel';
import { readGeoJson } from './geojson';
import { readShapefile } from './shapefile';
import type { ReadOptions, SourceRecord } from './types';

/** One reader per format, chosen by the file's extension. */
export function readSource(file: string, options: ReadOptions = {}): AsyncIterable<SourceRecord> {
  const ext = path.extname(file).toLowerCase();
  switch (ext) {
    case '.csv': case '.txt': case '.tsv':
      return readCsv(file, options);
    case '.geojson': case '.json':
      return readGeoJson(file, options);
    case '.zip': case '.shp':
      return readShapefile(file, options);
    case '.xlsx':
      return readXlsx(file, options);
    case '.xls': case '.htm': case '.html':
      return readXls(file, options);
    default:
      throw new EtlError(`${path.basename(file)}: "${ext || 'no extension'}" is not a format the ETL reads (csv, txt, tsv, geojson, json, zip, shp, xlsx, xls)`);
  }
}
