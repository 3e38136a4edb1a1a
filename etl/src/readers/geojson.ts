import fs from 'node:fs';
import type { Geometry } from 'geojson';
import GJV from 'geojson-validation';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { ignore } from 'stream-json/filters/ignore.js';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { EtlError } from '../errors';
import type { ReadOptions, SourceRecord } from './types';

export type GeoJsonOptions = Pick<ReadOptions, 'sourceSrid'>;

/** Everything of the document but its features: type, a legacy `crs`, bbox. */
async function topLevel(file: string): Promise<Record<string, unknown>> {
  const pipeline = chain([fs.createReadStream(file), parser(), ignore({ filter: /^features\b/ }), streamValues()]);
  const values: unknown[] = [];
  try {
    for await (const { value } of pipeline as AsyncIterable<{ value: unknown }>) values.push(value);
  } catch (error) {
    throw new EtlError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const root = values[0];
  if (values.length !== 1 || typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new EtlError(`${file} is not a GeoJSON object`);
  }
  return root as Record<string, unknown>;
}

function positionsOutOfRange(coordinates: unknown): boolean {
  if (!Array.isArray(coordinates)) return false;
  if (typeof coordinates[0] === 'number') {
    return Math.abs(coordinates[0]) > 180 || Math.abs(coordinates[1] as number) > 90;
  }
  return coordinates.some(positionsOutOfRange);
}

function positionsTooLong(coordinates: unknown): boolean {
  if (!Array.isArray(coordinates)) return false;
  if (typeof coordinates[0] === 'number') return coordinates.length > 3;
  return coordinates.some(positionsTooLong);
}

/** RFC 7946 §7.1: members that would change what an object is; §5: bbox is 2×n numbers. */
const FOREIGN: Record<string, string[]> = {
  FeatureCollection: ['geometry', 'properties', 'coordinates', 'geometries'],
  Feature: ['features', 'coordinates', 'geometries'],
  geometry: ['geometry', 'properties', 'features'],
};

function memberProblem(object: Record<string, unknown>, kind: 'FeatureCollection' | 'Feature' | 'geometry'): string | null {
  const foreign = FOREIGN[kind]!.find((m) => m in object);
  if (foreign) return `a ${kind === 'geometry' ? 'geometry' : kind} must not have a "${foreign}" member (RFC 7946 §7.1)`;
  const bbox = object.bbox;
  if (bbox !== undefined && (!Array.isArray(bbox) || (bbox.length !== 4 && bbox.length !== 6) || bbox.some((n) => typeof n !== 'number'))) {
    return 'bbox must be an array of 4 or 6 numbers';
  }
  return null;
}

function geometryProblem(geometry: Geometry | null, degrees: boolean): string | null {
  if (!geometry) return null;
  const members = memberProblem(geometry as unknown as Record<string, unknown>, 'geometry');
  if (members) return members;
  if ('coordinates' in geometry && positionsTooLong(geometry.coordinates)) return 'a position has more than three numbers';
  if (geometry.type === 'GeometryCollection') return 'GeometryCollection geometries are not loaded';
  if (degrees && positionsOutOfRange(geometry.coordinates)) return 'a position is outside longitude ±180 / latitude ±90';
  return null;
}

/**
 * Streams a GeoJSON FeatureCollection feature by feature (memory stays flat whatever the file size).
 * Each feature is checked against RFC 7946 by geojson-validation plus position ranges; a bad feature
 * is rejected with the reason, a bad document stops the load. A legacy `crs` member is refused unless
 * the load declares the source CRS.
 */
function checkedFeature(value: unknown, position: string, degrees: boolean): SourceRecord {
  const problems = GJV.isFeature(value, true) as string[] | boolean;
  if (Array.isArray(problems) && problems.length) return { position, values: {}, error: `not a valid GeoJSON feature: ${problems.slice(0, 3).join('; ')}` };
  const feature = value as { id?: unknown; properties?: Record<string, unknown> | null; geometry: Geometry | null };
  const members = memberProblem(value as Record<string, unknown>, 'Feature');
  if (members) return { position, values: {}, error: members };
  if (feature.properties !== null && (typeof feature.properties !== 'object' || Array.isArray(feature.properties))) {
    return { position, values: {}, error: 'properties must be an object or null' };
  }
  if (feature.id !== undefined && typeof feature.id !== 'string' && typeof feature.id !== 'number') {
    return { position, values: {}, error: 'a feature id must be a string or a number' };
  }
  const problem = geometryProblem(feature.geometry, degrees);
  if (problem) return { position, values: {}, error: problem };
  return { position, values: feature.properties ?? {}, geometry: feature.geometry };
}

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];

export async function* readGeoJson(file: string, options: GeoJsonOptions = {}): AsyncGenerator<SourceRecord> {
  const root = await topLevel(file);
  if (root.crs !== undefined && options.sourceSrid === undefined) {
    throw new EtlError(`${file} has a legacy "crs" member (RFC 7946 coordinates are WGS84 longitude/latitude); give the source CRS explicitly to load it`);
  }
  const degrees = options.sourceSrid === undefined || options.sourceSrid === 4326;
  // A lone Feature or geometry is a collection of one (small by nature: it was read whole above).
  if (root.type === 'Feature') {
    yield checkedFeature(root, 'feature 1', degrees);
    return;
  }
  if (typeof root.type === 'string' && GEOMETRY_TYPES.includes(root.type)) {
    yield checkedFeature({ type: 'Feature', properties: {}, geometry: root }, 'feature 1', degrees);
    return;
  }
  if (root.type !== 'FeatureCollection') {
    throw new EtlError(`${file} is not GeoJSON: its "type" is ${JSON.stringify(root.type ?? null)}, not FeatureCollection, Feature or a geometry`);
  }
  const members = memberProblem(root, 'FeatureCollection');
  if (members) throw new EtlError(`${file}: ${members}`);
  const features = chain([fs.createReadStream(file), parser(), pick({ filter: 'features' }), streamArray()]);
  let index = 0;
  try {
    for await (const { value } of features as AsyncIterable<{ value: unknown }>) {
      index += 1;
      yield checkedFeature(value, `feature ${index}`, degrees);
    }
  } catch (error) {
    throw new EtlError(`${file} could not be read past feature ${index}: ${(error as Error).message}`);
  }
}
