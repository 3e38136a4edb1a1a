/*
 * Landing on a found place: the map flies to a point (a building, a facility) or fits a street's or a
 * mahalle's bounds, and marks it — a ring at the point, the street's line or the mahalle's outline.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, Geometry } from 'geojson';
import type { Bbox, LngLat } from './api';

const SOURCE = 'search-highlight';
const LINE_LAYER = 'search-highlight-line';
const POINT_LAYER = 'search-highlight-point';
const COLOUR = '#d1495b';
/** A building is shown close enough to see its neighbours' doors; a facility a little wider. */
const BUILDING_ZOOM = 18.5;
const POINT_ZOOM = 17;
const MAX_FIT_ZOOM = 17.5;

export interface LandingTarget {
  /** A point to fly to (buildings, facilities), else the bounds to fit. */
  kind: 'point' | 'building' | 'bounds';
  bbox: Bbox;
  point: LngLat;
  /** The street's line or the mahalle's polygon to outline, when known. */
  outline?: Geometry | null;
}

function ensureLayers(map: MapLibreMap): void {
  if (!map.getSource(SOURCE)) {
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: LINE_LAYER, type: 'line', source: SOURCE, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': COLOUR, 'line-width': 4, 'line-opacity': 0.9 } });
    map.addLayer({
      id: POINT_LAYER, type: 'circle', source: SOURCE, filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 9, 'circle-color': '#ffffff00', 'circle-stroke-color': COLOUR, 'circle-stroke-width': 4 },
    });
  }
  // Layers added later (the thematic map's, the twin's) must not cover the mark.
  map.moveLayer(LINE_LAYER);
  map.moveLayer(POINT_LAYER);
}

/** Marks the target; an empty target clears the mark. */
export function highlight(map: MapLibreMap, target: Pick<LandingTarget, 'point' | 'outline'> | null): void {
  ensureLayers(map);
  const features: Feature[] = [];
  if (target?.outline) features.push({ type: 'Feature', properties: {}, geometry: target.outline });
  if (target) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: target.point } });
  map.getSource<GeoJSONSource>(SOURCE)!.setData({ type: 'FeatureCollection', features });
}

/** Moves to the target and marks it; resolves when the map stops moving. */
export function landOn(map: MapLibreMap, target: LandingTarget): Promise<void> {
  highlight(map, target);
  const arrived = new Promise<void>((resolve) => map.once('moveend', () => resolve()));
  if (target.kind === 'bounds') {
    const [w, s, e, n] = target.bbox;
    map.fitBounds([[w, s], [e, n]], { padding: 48, maxZoom: MAX_FIT_ZOOM });
  } else {
    map.flyTo({ center: target.point, zoom: Math.max(map.getZoom(), target.kind === 'building' ? BUILDING_ZOOM : POINT_ZOOM) });
  }
  // A move to where the map already is may end without a moveend.
  return map.isMoving() ? arrived : Promise.resolve();
}
