import { invalidParameter } from '@kbs/core';

/** Parsers for the spatial query parameters; each names the parameter in its 400. */

export function number(raw: unknown, parameter: string, min: number, max: number): number {
  if (typeof raw !== 'string' && typeof raw !== 'number') throw invalidParameter(parameter, `${parameter} is required`);
  const value = Number(raw);
  if (String(raw).trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw invalidParameter(parameter, `${parameter} must be a number from ${min} to ${max}`);
  }
  return value;
}

export function integer(raw: unknown, parameter: string, min: number, max: number, fallback?: number): number {
  if (raw === undefined && fallback !== undefined) return fallback;
  const value = number(raw, parameter, min, max);
  if (!Number.isInteger(value)) throw invalidParameter(parameter, `${parameter} must be a whole number from ${min} to ${max}`);
  return value;
}

export function position(lon: unknown, lat: unknown): [number, number] {
  return [number(lon, 'lon', -180, 180), number(lat, 'lat', -90, 90)];
}

export function oneOf<T extends string>(raw: unknown, parameter: string, allowed: readonly T[], fallback?: T): T {
  if (raw === undefined && fallback !== undefined) return fallback;
  if (typeof raw !== 'string' || !allowed.includes(raw as T)) throw invalidParameter(parameter, `${parameter} must be one of ${allowed.join(', ')}`);
  return raw as T;
}

export function isoDate(raw: unknown, parameter: string): string | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw))) {
    throw invalidParameter(parameter, `${parameter} must be a date such as 2024-01-31`);
  }
  return raw;
}

/** Rejects query parameters a route does not know, so typos do not silently widen a query. */
export function onlyKnown(query: Record<string, unknown>, known: string[]): void {
  for (const name of Object.keys(query)) {
    if (!known.includes(name)) throw invalidParameter(name, `unknown query parameter "${name}"; allowed: ${known.join(', ')}`);
  }
}

const MAX_AREA_DEG2 = 0.05; // about 400 km²: far beyond the district, small enough to bound the work

/** A GeoJSON Polygon or MultiPolygon in WGS84, checked before PostGIS sees it. Returns its JSON text. */
export function polygonGeometry(raw: unknown, parameter: string): string {
  const g = raw as { type?: unknown; coordinates?: unknown };
  if (!g || typeof g !== 'object' || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) {
    throw invalidParameter(parameter, `${parameter} must be a GeoJSON Polygon or MultiPolygon`);
  }
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  let vertices = 0;
  let minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) throw invalidParameter(parameter, `${parameter} has an empty polygon`);
    for (const ring of polygon as unknown[]) {
      if (!Array.isArray(ring) || ring.length < 4) throw invalidParameter(parameter, `${parameter} has a ring with fewer than 4 positions`);
      for (const p of ring as unknown[]) {
        if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
          throw invalidParameter(parameter, `${parameter} has a position that is not [longitude, latitude] in range`);
        }
        minx = Math.min(minx, p[0]); maxx = Math.max(maxx, p[0]); miny = Math.min(miny, p[1]); maxy = Math.max(maxy, p[1]);
        vertices += 1;
      }
      const first = ring[0] as number[];
      const last = ring[ring.length - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) throw invalidParameter(parameter, `${parameter} has a ring that is not closed`);
    }
  }
  if (vertices > 10_000) throw invalidParameter(parameter, `${parameter} has more than 10000 positions`);
  if ((maxx - minx) * (maxy - miny) > MAX_AREA_DEG2) throw invalidParameter(parameter, `${parameter} is too large: keep it within about 20 km`);
  return JSON.stringify({ type: g.type, coordinates: g.coordinates });
}
