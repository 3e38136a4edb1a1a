/*
 * The twin on the map: capture sequences (lines) and capture points from the API's vector tiles, the
 * capture on show, and the view cone (a GeoJSON source the viewer updates as it turns and zooms).
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Polygon } from 'geojson';

export const SEQUENCE_SOURCE = 'twin-sequences';
export const CAPTURE_SOURCE = 'twin-captures';
export const CONE_SOURCE = 'twin-cone';
export const SEQUENCE_LINE = 'twin-sequence-line';
export const CAPTURE_POINTS = 'twin-capture-points';
export const CAPTURE_CURRENT = 'twin-capture-current';
export const CONE_FILL = 'twin-cone-fill';
export const CONE_OUTLINE = 'twin-cone-outline';

/** Every layer of the twin, bottom to top. */
export const TWIN_LAYERS = [SEQUENCE_LINE, CONE_FILL, CONE_OUTLINE, CAPTURE_POINTS, CAPTURE_CURRENT];

export const TWIN_COLOURS = { sequence: '#7b3fa0', capture: '#7b3fa0', current: '#e4572e', cone: '#e4572e' } as const;

/** Points appear from this zoom on (a few thousand frames would only blur into the lines further out). */
export const CAPTURE_MIN_ZOOM = 14;

const tiles = (collection: string) => [`${location.origin}/tiles/${collection}/{z}/{x}/{y}.mvt`];

export function addTwinLayers(map: MapLibreMap): void {
  map.addSource(SEQUENCE_SOURCE, { type: 'vector', tiles: tiles('capture_sequences'), minzoom: 10, maxzoom: 16 });
  map.addSource(CAPTURE_SOURCE, { type: 'vector', tiles: tiles('panoramas'), minzoom: CAPTURE_MIN_ZOOM, maxzoom: 16 });
  map.addSource(CONE_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: SEQUENCE_LINE, type: 'line', source: SEQUENCE_SOURCE, 'source-layer': 'capture_sequences',
    paint: { 'line-color': TWIN_COLOURS.sequence, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1.5, 17, 4], 'line-opacity': 0.7 },
  });
  map.addLayer({ id: CONE_FILL, type: 'fill', source: CONE_SOURCE, paint: { 'fill-color': TWIN_COLOURS.cone, 'fill-opacity': 0.35 } });
  map.addLayer({ id: CONE_OUTLINE, type: 'line', source: CONE_SOURCE, paint: { 'line-color': TWIN_COLOURS.cone, 'line-width': 1.5 } });
  map.addLayer({
    id: CAPTURE_POINTS, type: 'circle', source: CAPTURE_SOURCE, 'source-layer': 'panoramas', minzoom: CAPTURE_MIN_ZOOM,
    paint: {
      'circle-color': TWIN_COLOURS.capture,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 14, 2, 18, 6],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  });
  map.addLayer({
    id: CAPTURE_CURRENT, type: 'circle', source: CAPTURE_SOURCE, 'source-layer': 'panoramas', minzoom: CAPTURE_MIN_ZOOM,
    filter: ['==', ['get', 'id'], ''],
    paint: { 'circle-color': TWIN_COLOURS.current, 'circle-radius': 7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  });
}

/** Draws (or, with null, removes) the view cone and marks the capture on show. */
export function showCone(map: MapLibreMap, captureId: string | null, cone: Polygon | null): void {
  const source = map.getSource<GeoJSONSource>(CONE_SOURCE);
  source?.setData({ type: 'FeatureCollection', features: cone ? [{ type: 'Feature', properties: { capture: captureId }, geometry: cone }] : [] });
  map.setFilter(CAPTURE_CURRENT, ['==', ['get', 'id'], captureId ?? '']);
}

/** Layers added later (the mahalle, thematic layers) would cover the twin: it is moved back on top. */
export function keepTwinOnTop(map: MapLibreMap): void {
  map.on('styledata', () => {
    const layers = map.getStyle().layers;
    const first = layers.findIndex((l) => TWIN_LAYERS.includes(l.id));
    if (first >= 0 && layers.slice(first).some((l) => !TWIN_LAYERS.includes(l.id))) {
      for (const id of TWIN_LAYERS) map.moveLayer(id);
    }
  });
}
