import type { Knex } from 'knex';
import { foldTurkish } from '@kbs/core';
import type { Geometry } from 'geojson';
import { parseTurkishNumber } from './readers/numbers';

/** [minLon, minLat, maxLon, maxLat] */
export type Extent = [number, number, number, number];

/** Bağcılar with a margin of about 1 km: points outside are rejected unless the load says otherwise. */
export const DISTRICT_EXTENT: Extent = [28.795, 41.008, 28.885, 41.082];
export const ISTANBUL: Extent = [27.95, 40.75, 29.95, 41.6];

const LATITUDE = ['lat', 'latitude', 'lattitude', 'latitud', 'enlem', 'y', 'ycoord', 'koordinaty', 'enlemy'];
const LONGITUDE = ['lon', 'lng', 'long', 'longitude', 'longtitude', 'longitud', 'boylam', 'x', 'xcoord', 'koordinatx', 'boylamx'];

function key(name: string): string {
  return foldTurkish(name).replace(/[^a-z0-9]/g, '');
}

/** Names of one column holding both: "41.0291, 28.8506", a map link, a WKT point. */
const PAIR = ['koordinat', 'koordinatlar', 'koordinatlari', 'konum', 'enlemboylam', 'coordinates', 'coordinate', 'coords', 'location', 'latlng', 'latlon', 'latlong', 'haritalinki', 'konumlinki', 'googlemaps', 'wkt'];

/**
 * The latitude and longitude columns of a table, by their names in Turkish or English (misspellings
 * too); else one column that holds both, named as both.
 */
export function findCoordinateColumns(columns: string[]): { latitude: string; longitude: string } | null {
  const latitude = columns.find((c) => LATITUDE.includes(key(c)));
  const longitude = columns.find((c) => LONGITUDE.includes(key(c)));
  if (latitude && longitude) return { latitude, longitude };
  const pair = columns.find((c) => PAIR.includes(key(c)));
  return pair ? { latitude: pair, longitude: pair } : null;
}

const NUMBER = '(-?\\d{1,3}(?:[.,]\\d+)?)';
/**
 * Two numbers apart by a semicolon, a comma and a space, or a space ("41,0291; 28,8506", "41.0291, 28.8506");
 * or by a bare comma between decimals with points ("41.0291,28.8506"). Never one Turkish decimal ("41,04").
 */
const PLAIN_PAIR = new RegExp(`^\\s*\\(?\\s*${NUMBER}(?:\\s*;\\s*|,\\s+|\\s+)${NUMBER}\\s*\\)?\\s*$`);
const POINT_DECIMALS_PAIR = /^\s*\(?\s*(-?\d{1,3}\.\d+),(-?\d{1,3}\.\d+)\s*\)?\s*$/;
/** Google and other map links: …/@41.0291,28.8506,17z or …?q=41.0291,28.8506. */
const LINK_PAIR = /[@=](-?\d{1,3}\.\d+),\s*(-?\d{1,3}\.\d+)/;
const WKT_POINT = /^\s*POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)\s*$/i;

/** The two numbers of one text that holds a position, first the one written first (WKT: y, then x). */
function pairOf(text: string): [string, string] | null {
  const wkt = WKT_POINT.exec(text);
  if (wkt) return [wkt[2]!, wkt[1]!];
  const m = PLAIN_PAIR.exec(text) ?? POINT_DECIMALS_PAIR.exec(text) ?? (/^\s*https?:\/\//i.test(text) ? LINK_PAIR.exec(text) : null);
  return m ? [m[1]!, m[2]!] : null;
}

let lastKeys: string[] = [];
let lastColumns: ReturnType<typeof findCoordinateColumns> = null;

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * findCoordinateColumns for a record's keys, kept for the last header: the records of one file share
 * their columns, and folding every name of every record cost seconds a million rows (joining them into
 * one key to compare, still half a second).
 */
export function coordinateColumnsOf(keys: string[]): ReturnType<typeof findCoordinateColumns> {
  if (!sameKeys(keys, lastKeys)) {
    lastKeys = keys;
    lastColumns = findCoordinateColumns(keys);
  }
  return lastColumns;
}

const inside = ([x, y]: [number, number], [a, b, c, d]: Extent) => x >= a && x <= c && y >= b && y <= d;

/**
 * Degrees, minutes and seconds as maps and forms write them: 41°01'45"N, 41° 01′ 45,5″ K (Kuzey),
 * 28°51,03'D (Doğu); the hemisphere before or after, S/W or G/B (Güney, Batı) negative.
 */
const DMS = /^\s*([NSEWKDGB])?\s*(\d{1,3}(?:[.,]\d+)?)\s*[°º˚]\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*['′’]\s*)?(?:(\d{1,2}(?:[.,]\d+)?)\s*(?:"|″|”|''|′′)\s*)?([NSEWKDGB])?\s*$/i;

/** Decimal degrees from a degrees-minutes-seconds text; undefined for anything else. */
export function degreesOf(raw: unknown): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const m = DMS.exec(raw);
  if (!m || (m[1] && m[5])) return undefined;
  const part = (s: string | undefined) => (s === undefined ? 0 : Number(s.replace(',', '.')));
  const [degrees, minutes, seconds] = [part(m[2]), part(m[3]), part(m[4])];
  if (minutes >= 60 || seconds >= 60 || (m[4] !== undefined && m[3] === undefined)) return undefined;
  const value = degrees + minutes / 60 + seconds / 3600;
  return /^[SWGB]$/i.test(m[1] ?? m[5] ?? '') ? -value : value;
}

export type PositionCheck = { point: Geometry; swapped: boolean } | { reject: string };

/**
 * A WGS84 point from a row's latitude and longitude (decimal, or degrees-minutes-seconds; or one text
 * holding both, given as both), checked: sentinels (empty, 0, -99, equal values)
 * and positions outside the extent are rejected with the reason; a pair that lands inside only when
 * swapped is swapped and said so.
 */
export function checkedPoint(latitudeRaw: unknown, longitudeRaw: unknown, extent: Extent = DISTRICT_EXTENT, region: Extent = ISTANBUL): PositionCheck {
  if (latitudeRaw === longitudeRaw && typeof latitudeRaw === 'string') {
    // One column holding both (see findCoordinateColumns); a pair in the wrong order is swapped below.
    const pair = pairOf(latitudeRaw);
    if (pair) [latitudeRaw, longitudeRaw] = pair;
  }
  const lat = parseTurkishNumber(latitudeRaw) ?? degreesOf(latitudeRaw);
  const lon = parseTurkishNumber(longitudeRaw) ?? degreesOf(longitudeRaw);
  if (lat === undefined || lon === undefined) return { reject: `no usable coordinates ("${String(latitudeRaw ?? '')}", "${String(longitudeRaw ?? '')}")` };
  if ([lat, lon].some((v) => v === 0 || v === -99 || v === -999 || v === 99)) return { reject: `placeholder coordinates (${lat}, ${lon})` };
  if (lat === lon) return { reject: `latitude equals longitude (${lat})` };
  if (inside([lon, lat], extent)) return { point: { type: 'Point', coordinates: [lon, lat] }, swapped: false };
  if (inside([lat, lon], extent)) return { point: { type: 'Point', coordinates: [lat, lon] }, swapped: true };
  if (inside([lon, lat], region) || inside([lat, lon], region)) return { reject: `(${lat}, ${lon}) is in İstanbul but outside the district extent` };
  if (region === ISTANBUL && Math.abs(lat) > 1000 && Math.abs(lon) > 1000) {
    return { reject: `(${lat}, ${lon}) look like projected coordinates: give their CRS (--srid, e.g. 5254 for TUREF / TM30)` };
  }
  return { reject: `(${lat}, ${lon}) is not in İstanbul` };
}

/**
 * The district extent and İstanbul's in a projected CRS, computed by PostGIS (PROJ) once per load, so
 * that x/y rows in, say, EPSG:5254 are checked in their own units and reprojected by PostGIS on insert.
 */
export async function projectedExtents(knex: Knex, srid: number, extent: Extent): Promise<{ extent: Extent; region: Extent }> {
  const box = async ([a, b, c, d]: Extent): Promise<Extent> => {
    const { rows } = await knex.raw<{ rows: { x0: number; y0: number; x1: number; y1: number }[] }>(
      'SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT ST_Transform(ST_Segmentize(ST_MakeEnvelope(?, ?, ?, ?, 4326), 0.01), ?::integer) AS e) s',
      [a, b, c, d, srid],
    );
    const r = rows[0]!;
    return [r.x0, r.y0, r.x1, r.y1];
  };
  return { extent: await box(extent), region: await box(ISTANBUL) };
}
