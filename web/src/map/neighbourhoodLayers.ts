import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface NeighbourhoodProperties {
  uavt_code: string;
  name: string;
  population: number;
  area_km2: number;
}

export type Neighbourhoods = FeatureCollection<MultiPolygon, NeighbourhoodProperties>;

export const NEIGHBOURHOOD_SOURCE = 'neighbourhoods';
export const NEIGHBOURHOOD_FILL = 'neighbourhoods-fill';

export async function fetchNeighbourhoods(): Promise<Neighbourhoods> {
  const response = await fetch('/api/neighbourhoods', { headers: { Accept: 'application/geo+json' } });
  if (!response.ok) throw new Error(`GET /api/neighbourhoods answered ${response.status}`);
  return (await response.json()) as Neighbourhoods;
}

/** Mahalle fills and outlines as MapLibre layers (labels are drawn by deck.gl, see labels.ts). */
export function addNeighbourhoodLayers(map: MapLibreMap, data: Neighbourhoods): void {
  map.addSource(NEIGHBOURHOOD_SOURCE, { type: 'geojson', data, promoteId: 'uavt_code' });
  map.addLayer({
    id: NEIGHBOURHOOD_FILL,
    type: 'fill',
    source: NEIGHBOURHOOD_SOURCE,
    paint: {
      'fill-color': ['case', ['boolean', ['feature-state', 'hover'], false], '#f4a259', '#8cb8d8'],
      'fill-opacity': 0.55,
    },
  });
  map.addLayer({
    id: 'neighbourhoods-outline',
    type: 'line',
    source: NEIGHBOURHOOD_SOURCE,
    paint: { 'line-color': '#1f4e79', 'line-width': 1.5 },
  });
}

/** A point well inside each mahalle for its label (the centroid of its largest ring's vertices). */
export function labelPoint(geometry: MultiPolygon): [number, number] {
  const ring = geometry.coordinates
    .map((polygon) => polygon[0]!)
    .sort((a, b) => b.length - a.length)[0]!;
  const vertices = ring.slice(0, -1);
  const x = vertices.reduce((s, p) => s + p[0]!, 0) / vertices.length;
  const y = vertices.reduce((s, p) => s + p[1]!, 0) / vertices.length;
  return [x, y];
}

export function boundsOf(data: Neighbourhoods): [[number, number], [number, number]] {
  let [minx, miny, maxx, maxy] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of data.features) for (const polygon of f.geometry.coordinates) for (const [x, y] of polygon[0]!) {
    minx = Math.min(minx, x!); miny = Math.min(miny, y!); maxx = Math.max(maxx, x!); maxy = Math.max(maxy, y!);
  }
  return [[minx, miny], [maxx, maxy]];
}
