import fs from 'node:fs/promises';
import type { FeatureCollection } from 'geojson';
import { EtlError } from '../errors';
import type { SourceRecord } from './types';

/** Reads a GeoJSON FeatureCollection's features as records. */
export async function* readGeoJson(file: string, _options: object = {}): AsyncGenerator<SourceRecord> {
  let document: FeatureCollection;
  try {
    document = JSON.parse(await fs.readFile(file, 'utf8')) as FeatureCollection;
  } catch (error) {
    throw new EtlError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (document?.type !== 'FeatureCollection' || !Array.isArray(document.features)) {
    throw new EtlError(`${file} is not a GeoJSON FeatureCollection`);
  }
  let index = 0;
  for (const feature of document.features) {
    index += 1;
    yield { position: `feature ${index}`, values: feature.properties ?? {}, geometry: feature.geometry };
  }
}
