import { fromVectorTileJs, type VectorTileFeatureLike, type VectorTileLayerLike } from '@maplibre/vt-pbf';
import type Point from '@mapbox/point-geometry';
import { BUFFER, EXTENT } from './tileQuery';

type Position = [number, number];
interface TileGeometry {
  type: string;
  coordinates: unknown;
}

const MIN = -BUFFER;
const MAX = EXTENT + BUFFER;

function point([x, y]: Position): Point {
  return { x, y } as Point;
}

/** GeoJSON in tile coordinates → MVT geometry type and rings; null when nothing drawable is left. */
export function toTileRings(geometry: TileGeometry): { type: 1 | 2 | 3; rings: Point[][] } | null {
  const c = geometry.coordinates;
  switch (geometry.type) {
    case 'Point': {
      const p = c as Position;
      return p[0] >= MIN && p[0] <= MAX && p[1] >= MIN && p[1] <= MAX ? { type: 1, rings: [[point(p)]] } : null;
    }
    case 'MultiPoint': {
      const ps = (c as Position[]).filter((p) => p[0] >= MIN && p[0] <= MAX && p[1] >= MIN && p[1] <= MAX);
      return ps.length ? { type: 1, rings: ps.map((p) => [point(p)]) } : null;
    }
    case 'LineString': {
      const line = c as Position[];
      return line.length >= 2 ? { type: 2, rings: [line.map(point)] } : null;
    }
    case 'MultiLineString': {
      const lines = (c as Position[][]).filter((l) => l.length >= 2);
      return lines.length ? { type: 2, rings: lines.map((l) => l.map(point)) } : null;
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const polygons = geometry.type === 'Polygon' ? [c as Position[][]] : (c as Position[][][]);
      const rings = polygons.flatMap((rs) => rs.filter((r) => r.length >= 4)).map((r) => r.map(point));
      return rings.length ? { type: 3, rings } : null;
    }
    default:
      return null; // an empty GeometryCollection left by clipping
  }
}

export interface PortableRow {
  geom: string;
  [attribute: string]: unknown;
}

/** Encodes one layer with MapLibre's maintained encoder; attributes that are null are left out, as ST_AsMVT does. */
export function encodePortableLayer(name: string, rows: PortableRow[]): Uint8Array | null {
  const features: VectorTileFeatureLike[] = [];
  for (const row of rows) {
    const shape = toTileRings(JSON.parse(row.geom) as TileGeometry);
    if (!shape) continue;
    const properties: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(row)) {
      if (key === 'geom' || value === null || value === undefined) continue;
      properties[key] = value as string | number | boolean;
    }
    features.push({ type: shape.type, properties, id: undefined, extent: EXTENT, loadGeometry: () => shape.rings });
  }
  if (features.length === 0) return null;
  const layer: VectorTileLayerLike = { version: 2, name, extent: EXTENT, length: features.length, feature: (i) => features[i]! };
  return fromVectorTileJs({ layers: { [name]: layer } });
}
