/** Measuring: the geodesic length of a drawn line, or the area and perimeter of a drawn polygon. */
import type { LineString, Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { language } from '../i18n';
import { h } from '../portal/dom';
import { areaSquareMetres, formatArea, formatLength, lengthMetres } from './geometry';
import { showShapes } from './shapeLayers';
import { d } from './strings';

export function showMeasurement(map: MapLibreMap, panel: HTMLElement, shape: LineString | Polygon): void {
  showShapes(map, 'measure', [{ type: 'Feature', geometry: shape, properties: {} }]);
  const lang = language();
  if (shape.type === 'LineString') {
    const metres = lengthMetres(shape);
    panel.replaceChildren(h('h3', {}, d('distance')), h('p', { class: 'draw-measure', 'data-length-m': metres.toFixed(2) }, formatLength(metres, lang)));
  } else {
    const squareMetres = areaSquareMetres(shape);
    const perimeter = lengthMetres({ type: 'LineString', coordinates: shape.coordinates[0]! });
    panel.replaceChildren(
      h('h3', {}, d('measuredArea')),
      h('dl', {},
        h('dt', {}, d('measuredArea')), h('dd', { 'data-area-m2': squareMetres.toFixed(1) }, formatArea(squareMetres, lang)),
        h('dt', {}, d('perimeter')), h('dd', { 'data-length-m': perimeter.toFixed(2) }, formatLength(perimeter, lang))),
    );
  }
}

export function hideMeasurement(map: MapLibreMap): void {
  showShapes(map, 'measure', []);
}
