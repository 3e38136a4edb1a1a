/*
 * What the drawing tools leave on the map once a sketch is finished: the selected area, the measured
 * line or polygon, an editable dataset's features. Plain MapLibre layers on a GeoJSON source per use,
 * so a selection opened from a link is drawn without loading terra-draw.
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

export type ShapeUse = 'selection' | 'measure' | 'digitise';

const COLOUR: Record<ShapeUse, string> = { selection: '#d9480f', measure: '#5f3dc4', digitise: '#087f5b' };

export const shapeSourceId = (use: ShapeUse) => `draw-${use}`;

function ensureLayers(map: MapLibreMap, use: ShapeUse): GeoJSONSource {
  const id = shapeSourceId(use);
  const existing = map.getSource<GeoJSONSource>(id);
  if (existing) return existing;
  map.addSource(id, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const colour = COLOUR[use];
  map.addLayer({ id: `${id}-fill`, type: 'fill', source: id, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': colour, 'fill-opacity': 0.15 } });
  map.addLayer({ id: `${id}-line`, type: 'line', source: id, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': colour, 'line-width': 2.5 } });
  map.addLayer({
    id: `${id}-point`,
    type: 'circle',
    source: id,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-color': colour, 'circle-radius': 6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
  });
  return map.getSource<GeoJSONSource>(id)!;
}

/** Replaces the shapes of one use (none: an empty collection). */
export function showShapes(map: MapLibreMap, use: ShapeUse, features: Feature[]): void {
  const data: FeatureCollection = { type: 'FeatureCollection', features };
  ensureLayers(map, use).setData(data);
}

/** The layer ids a click may hit for one use. */
export function shapeLayerIds(use: ShapeUse): string[] {
  const id = shapeSourceId(use);
  return [`${id}-fill`, `${id}-line`, `${id}-point`];
}
