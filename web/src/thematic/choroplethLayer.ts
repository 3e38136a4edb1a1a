/*
 * The choropleth: a MapLibre fill layer (and a fill-extrusion layer for 3D) over a copy of the mahalle
 * polygons whose properties carry the mapped value and its class. The colour is a data-driven `step`
 * expression on the class index computed here with classOf(), so the map, the legend's counts and the
 * classification agree even for values that sit exactly on a break (MapLibre's step on the raw value
 * would put those into the upper class; our classes are (lower, upper]).
 */
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Neighbourhoods } from '../map/neighbourhoodLayers';
import { classify, classOf, type Classification } from './classification';
import { schemeColours } from './schemes';
import type { ThematicState } from '../state/mapState';

export const CHOROPLETH_SOURCE = 'choropleth';
export const CHOROPLETH_FILL = 'choropleth-fill';
export const CHOROPLETH_EXTRUSION = 'choropleth-extrusion';
export const NO_DATA_COLOUR = '#d9d9d9';
const MAX_HEIGHT_M = 1500;

export interface ChoroplethResult extends Classification {
  colours: string[];
  /** Mahalle without a value. */
  missing: number;
  /** uavt_code → value (null: none). */
  values: Map<string, number | null>;
}

export function addChoroplethLayers(map: MapLibreMap, beforeId?: string): void {
  map.addSource(CHOROPLETH_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'uavt_code' });
  map.addLayer({ id: CHOROPLETH_FILL, type: 'fill', source: CHOROPLETH_SOURCE, paint: { 'fill-color': NO_DATA_COLOUR, 'fill-opacity': 1 } }, beforeId);
  map.addLayer({ id: CHOROPLETH_EXTRUSION, type: 'fill-extrusion', source: CHOROPLETH_SOURCE, layout: { visibility: 'none' }, paint: { 'fill-extrusion-color': NO_DATA_COLOUR, 'fill-extrusion-opacity': 0.9 } }, beforeId);
}

/** Classifies the values, writes them into the source and the colours into the paint. */
export function updateChoropleth(map: MapLibreMap, neighbourhoods: Neighbourhoods, values: Map<string, number | null>, thematic: ThematicState): ChoroplethResult {
  const list = neighbourhoods.features.map((f) => values.get(f.properties.uavt_code) ?? null);
  const classification = classify(list, thematic.method, thematic.classes, thematic.manual);
  const k = classification.counts.length;
  const colours = schemeColours(thematic.scheme, k);
  const finite = list.filter((v): v is number => v !== null);
  const max = finite.length ? Math.max(...finite) : 1;
  const features = neighbourhoods.features.map((f) => {
    const value = values.get(f.properties.uavt_code) ?? null;
    return {
      type: 'Feature' as const,
      geometry: f.geometry,
      properties: { uavt_code: f.properties.uavt_code, name: f.properties.name, value, cls: classOf(value, classification.breaks), height: value === null || max <= 0 ? 0 : Math.max(0, (value / max) * MAX_HEIGHT_M) },
    };
  });
  (map.getSource(CHOROPLETH_SOURCE) as GeoJSONSource).setData({ type: 'FeatureCollection', features });
  const colour: ExpressionSpecification = k === 0 ? ['literal', NO_DATA_COLOUR] as unknown as ExpressionSpecification
    : ['step', ['get', 'cls'], NO_DATA_COLOUR, ...colours.flatMap((c, i) => [i, c])] as ExpressionSpecification;
  map.setPaintProperty(CHOROPLETH_FILL, 'fill-color', colour);
  map.setPaintProperty(CHOROPLETH_EXTRUSION, 'fill-extrusion-color', colour);
  map.setPaintProperty(CHOROPLETH_EXTRUSION, 'fill-extrusion-height', ['get', 'height']);
  return { ...classification, colours, missing: list.length - finite.length, values };
}

/** Shows the flat or the extruded layer (or neither), at an opacity. */
export function showChoropleth(map: MapLibreMap, visible: boolean, opacity: number, extrude: boolean): void {
  map.setLayoutProperty(CHOROPLETH_FILL, 'visibility', visible && !extrude ? 'visible' : 'none');
  map.setLayoutProperty(CHOROPLETH_EXTRUSION, 'visibility', visible && extrude ? 'visible' : 'none');
  map.setPaintProperty(CHOROPLETH_FILL, 'fill-opacity', opacity);
  map.setPaintProperty(CHOROPLETH_EXTRUSION, 'fill-extrusion-opacity', 0.9 * opacity);
}
