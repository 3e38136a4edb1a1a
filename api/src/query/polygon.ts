import { invalidParameter } from '@kbs/core';
import type { JsonSchema } from '../http/operation';

const POSITION: JsonSchema = { type: 'array', minItems: 2, maxItems: 3, items: { type: 'number' } };
const RING: JsonSchema = { type: 'array', minItems: 4, items: POSITION };

/** GeoJSON Polygon or MultiPolygon in WGS84: the shape the request schema checks. */
export const POLYGON_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'GeoJSON Polygon or MultiPolygon, WGS84 longitude/latitude',
  required: ['type', 'coordinates'],
  properties: {
    type: { type: 'string', enum: ['Polygon', 'MultiPolygon'] },
    coordinates: { type: 'array', minItems: 1, items: { type: 'array', minItems: 1, items: { anyOf: [POSITION, RING] } } },
  },
};

interface PolygonInput {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown[];
}

const MAX_AREA_DEG2 = 0.05; // about 400 km²: far beyond the district, small enough to bound the work
const MAX_VERTICES = 10_000;

/**
 * What a schema cannot say about a polygon, checked before PostGIS sees it: nesting that matches the
 * type, closed rings, positions in range, a bounded size. Returns its JSON text.
 */
export function checkedPolygon(g: PolygonInput, parameter: string): string {
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
  if (vertices > MAX_VERTICES) throw invalidParameter(parameter, `${parameter} has more than ${MAX_VERTICES} positions`);
  if ((maxx - minx) * (maxy - miny) > MAX_AREA_DEG2) throw invalidParameter(parameter, `${parameter} is too large: keep it within about 20 km`);
  return JSON.stringify({ type: g.type, coordinates: g.coordinates });
}
