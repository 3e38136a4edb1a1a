import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { COLOURS, FILL_OPACITY } from './style';

/** GET /api/neighbourhoods: one feature per mahalle, `id` = UAVT code. */
export interface NeighbourhoodProperties {
  uavt_code: string;
  name: string;
  former_names: string[];
  population: number;
  population_year: number;
  area_km2: number;
}

export type Neighbourhoods = FeatureCollection<MultiPolygon, NeighbourhoodProperties>;

export const NEIGHBOURHOOD_SOURCE = 'neighbourhoods';
export const NEIGHBOURHOOD_FILL = 'neighbourhoods-fill';
export const NEIGHBOURHOOD_OUTLINE = 'neighbourhoods-outline';

export async function fetchNeighbourhoods(signal?: AbortSignal): Promise<Neighbourhoods> {
  const response = await fetch('/api/neighbourhoods', { headers: { Accept: 'application/geo+json, application/json' }, signal });
  if (!response.ok) throw new Error(`GET /api/neighbourhoods answered ${response.status}`);
  const data = (await response.json()) as Neighbourhoods;
  if (data?.type !== 'FeatureCollection' || !Array.isArray(data.features)) throw new Error('GET /api/neighbourhoods did not answer a FeatureCollection');
  return data;
}

/** Mahalle fills (highlighted on hover through feature state) and outlines; labels are in labels.ts. */
export function addNeighbourhoodLayers(map: MapLibreMap, data: Neighbourhoods): void {
  map.addSource(NEIGHBOURHOOD_SOURCE, { type: 'geojson', data, promoteId: 'uavt_code' });
  map.addLayer({
    id: NEIGHBOURHOOD_FILL,
    type: 'fill',
    source: NEIGHBOURHOOD_SOURCE,
    paint: {
      'fill-color': ['case', ['boolean', ['feature-state', 'hover'], false], COLOURS.fillHover, COLOURS.fill],
      'fill-opacity': FILL_OPACITY,
    },
  });
  map.addLayer({
    id: NEIGHBOURHOOD_OUTLINE,
    type: 'line',
    source: NEIGHBOURHOOD_SOURCE,
    paint: { 'line-color': COLOURS.outline, 'line-width': 1.5 },
  });
}
