/*
 * Facilities as circles coloured by category, from the public OGC collection. The category filter
 * (state.filters.facility) is a MapLibre filter, so the layer needs no new request when it changes.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { FilterSpecification, Map as MapLibreMap } from 'maplibre-gl';

export const FACILITY_SOURCE = 'facilities';
export const FACILITY_CIRCLES = 'facilities-circles';

export type Facilities = FeatureCollection<Point, { id: string; category: string; name: string }>;

/** A distinct colour per category (ColorBrewer Paired and Dark2, which stay apart for most colour vision). */
const PALETTE = ['#1f78b4', '#33a02c', '#e31a1c', '#ff7f00', '#6a3d9a', '#b15928', '#a6cee3', '#b2df8a', '#fb9a99', '#fdbf6f', '#cab2d6', '#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e'];

export async function fetchFacilities(): Promise<Facilities> {
  const response = await fetch('/ogc/collections/facilities/items?limit=10000&properties=id,category,name', { headers: { Accept: 'application/geo+json' } });
  if (!response.ok) throw new Error(`GET facilities answered ${response.status}`);
  return (await response.json()) as Facilities;
}

export function facilityCategories(data: Facilities): { category: string; count: number; colour: string }[] {
  const counts = new Map<string, number>();
  for (const f of data.features) counts.set(f.properties.category, (counts.get(f.properties.category) ?? 0) + 1);
  return [...counts.keys()].sort().map((category, i) => ({ category, count: counts.get(category)!, colour: PALETTE[i % PALETTE.length]! }));
}

export function addFacilitiesLayer(map: MapLibreMap, data: Facilities, beforeId?: string): void {
  const categories = facilityCategories(data);
  map.addSource(FACILITY_SOURCE, { type: 'geojson', data });
  map.addLayer({
    id: FACILITY_CIRCLES,
    type: 'circle',
    source: FACILITY_SOURCE,
    layout: { visibility: 'none' },
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 2.5, 16, 7],
      'circle-color': ['match', ['get', 'category'], ...categories.flatMap((c) => [c.category, c.colour]), '#555555'] as never,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  }, beforeId);
}

/** Only the categories listed; all when `allowed` is undefined. */
export function filterFacilities(map: MapLibreMap, allowed: string[] | undefined): void {
  const filter: FilterSpecification | null = allowed ? ['in', ['get', 'category'], ['literal', allowed]] : null;
  map.setFilter(FACILITY_CIRCLES, filter);
}
