/*
 * Facilities as icons by category (see facilityIcons.ts), from the public OGC collection. The category
 * filter (state.filters.facility) is a MapLibre filter, so the layer needs no new request when it changes.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { FilterSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { translate } from '../i18n';
import { drawFacilityIcon, facilityIconName } from './facilityIcons';

export const FACILITY_SOURCE = 'facilities';
export const FACILITY_ICONS = 'facilities-icons';
const ICON_PIXEL_RATIO = 2;

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
  for (const c of facilityCategories(data)) {
    const icon = drawFacilityIcon(c.category, c.colour, translate(`facility_${c.category}`, c.category), ICON_PIXEL_RATIO);
    map.addImage(facilityIconName(c.category), icon.getContext('2d')!.getImageData(0, 0, icon.width, icon.height), { pixelRatio: ICON_PIXEL_RATIO });
  }
  map.addSource(FACILITY_SOURCE, { type: 'geojson', data });
  map.addLayer({
    id: FACILITY_ICONS,
    type: 'symbol',
    source: FACILITY_SOURCE,
    layout: {
      visibility: 'none',
      'icon-image': ['concat', 'facility-', ['get', 'category']],
      // 12 px across at the district's zoom, the full 24 px in the streets; every facility stays shown.
      'icon-size': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 16, 1],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
  }, beforeId);
}

/** Only the categories listed; all when `allowed` is undefined. */
export function filterFacilities(map: MapLibreMap, allowed: string[] | undefined): void {
  const filter: FilterSpecification | null = allowed ? ['in', ['get', 'category'], ['literal', allowed]] : null;
  map.setFilter(FACILITY_ICONS, filter);
}
