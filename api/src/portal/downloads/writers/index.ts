import type { DownloadFormat } from '../../formats';
import { csvWriter } from './csv';
import { geojsonWriter } from './geojson';
import { geopackageWriter } from './geopackage';
import { kmlWriter } from './kml';
import { shapefileWriter } from './shapefile';
import type { DownloadWriter } from './types';
import { xlsxWriter } from './xlsx';

/** One writer per format of the format list. */
export const WRITERS: Record<DownloadFormat, DownloadWriter> = {
  csv: csvWriter({ delimiter: ',', bom: false, guardFormulas: false }),
  'csv-excel': csvWriter({ delimiter: ';', bom: true, guardFormulas: true }),
  geojson: geojsonWriter,
  gpkg: geopackageWriter,
  shp: shapefileWriter,
  kml: kmlWriter,
  xlsx: xlsxWriter,
};
