/// <reference types="vite/client" />
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { maplibreLocale } from '../i18n';
import { COLOURS } from '../map/style';
import { offlineStyle } from '../map/style';

/** How many features the preview draws (the OGC items page size). */
export const MAP_PREVIEW_LIMIT = 1000;

function eachPosition(geometry: Geometry | null, visit: (p: Position) => void): void {
  if (!geometry) return;
  switch (geometry.type) {
    case 'Point': visit(geometry.coordinates); break;
    case 'MultiPoint': case 'LineString': geometry.coordinates.forEach(visit); break;
    case 'MultiLineString': case 'Polygon': geometry.coordinates.forEach((line) => line.forEach(visit)); break;
    case 'MultiPolygon': geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit))); break;
    case 'GeometryCollection': geometry.geometries.forEach((g) => eachPosition(g, visit)); break;
  }
}

/** [[west, south], [east, north]] of every feature, or null when there is nothing to show. */
export function featureBounds(data: FeatureCollection): [[number, number], [number, number]] | null {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const feature of data.features) {
    eachPosition(feature.geometry, ([x, y]) => {
      west = Math.min(west, x!); east = Math.max(east, x!); south = Math.min(south, y!); north = Math.max(north, y!);
    });
  }
  return Number.isFinite(west) ? [[west, south], [east, north]] : null;
}

/**
 * Draws the first features of a collection (OGC API – Features items) on an offline map in
 * `container`; sets `data-map-state="idle"` on it once drawn ("error" when it could not be), and
 * resolves to the map (to be removed when the page is drawn again).
 * MapLibre is loaded only here, so pages of non-spatial datasets never download it.
 */
export async function showMapPreview(
  container: HTMLElement,
  datasetId: string,
  label: string,
  onData: (featureCount: number) => void,
): Promise<{ remove(): void } | null> {
  try {
    const [maplibregl, response] = await Promise.all([
      import('maplibre-gl'),
      fetch(`/ogc/collections/${encodeURIComponent(datasetId)}/items?limit=${MAP_PREVIEW_LIMIT}`, { headers: { Accept: 'application/geo+json' } }),
      import('maplibre-gl/dist/maplibre-gl.css'),
    ]);
    if (!response.ok) throw new Error(`items: ${response.status}`);
    const data = (await response.json()) as FeatureCollection;
    onData(data.features.length);
    const bounds = featureBounds(data);
    const map = new maplibregl.Map({
      container,
      style: offlineStyle(),
      center: [28.843, 41.044],
      zoom: 11.5,
      locale: maplibreLocale(),
      attributionControl: { compact: true, customAttribution: 'Bağcılar Belediyesi' },
      cooperativeGestures: false,
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.getCanvas().setAttribute('aria-label', label);
    await new Promise<void>((resolve) => map.once('load', () => resolve()));
    map.addSource('preview', { type: 'geojson', data });
    map.addLayer({ id: 'preview-fill', type: 'fill', source: 'preview', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': COLOURS.fill, 'fill-opacity': 0.55 } });
    map.addLayer({ id: 'preview-line', type: 'line', source: 'preview', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': COLOURS.outline, 'line-width': 1.5 } });
    map.addLayer({
      id: 'preview-points', type: 'circle', source: 'preview', filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-color': COLOURS.fillHover, 'circle-radius': 4, 'circle-stroke-color': COLOURS.outline, 'circle-stroke-width': 1 },
    });
    if (bounds) map.fitBounds(bounds, { padding: 24, animate: false, maxZoom: 16 });
    map.once('idle', () => {
      container.dataset.mapState = 'idle';
    });
    return map;
  } catch (error) {
    container.dataset.mapState = 'error';
    console.error(error);
    return null;
  }
}
