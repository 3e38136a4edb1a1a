import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';
import { formatNumber, language, setLanguage, t, type Language } from './i18n';
import { addLabels, type Label } from './map/labels';
import { addNeighbourhoodLayers, boundsOf, fetchNeighbourhoods, labelPoint, NEIGHBOURHOOD_FILL, NEIGHBOURHOOD_SOURCE } from './map/neighbourhoodLayers';
import { offlineStyle } from './map/style';

/*
 * Test hooks (read by the browser tests, harmless otherwise):
 * - <html data-map-state="idle"> once the mahalle are drawn and the map went idle;
 * - window.__kbs = { map, labels() } with the label texts given to the label layer.
 */
declare global {
  interface Window {
    __kbs?: { map: maplibregl.Map; labels: () => string[] };
  }
}

const status = document.getElementById('status')!;
const tooltip = document.getElementById('tooltip')!;

document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) => {
  button.addEventListener('click', () => setLanguage(button.dataset.lang as Language));
});
setLanguage(language());

const map = new maplibregl.Map({
  container: 'map',
  style: offlineStyle(),
  center: [28.843, 41.044],
  zoom: 12.6,
  attributionControl: { compact: true, customAttribution: 'Bağcılar Belediyesi' },
});
map.addControl(new maplibregl.NavigationControl(), 'top-right');
map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');

let labels: Label[] = [];
window.__kbs = { map, labels: () => labels.map((l) => l.text) };

map.on('load', async () => {
  status.textContent = t('loading');
  try {
    const data = await fetchNeighbourhoods();
    addNeighbourhoodLayers(map, data);
    labels = data.features.map((f) => ({ text: f.properties.name, position: labelPoint(f.geometry) }));
    addLabels(map, labels);
    map.fitBounds(boundsOf(data), { padding: 24, animate: false });
    status.textContent = '';
    map.once('idle', () => {
      document.documentElement.dataset.mapState = 'idle';
    });
  } catch (error) {
    status.textContent = t('loadFailed');
    document.documentElement.dataset.mapState = 'error';
    console.error(error);
  }
});

let hovered: string | number | undefined;
map.on('mousemove', NEIGHBOURHOOD_FILL, (event) => {
  const feature = event.features?.[0];
  if (!feature) return;
  if (hovered !== undefined) map.setFeatureState({ source: NEIGHBOURHOOD_SOURCE, id: hovered }, { hover: false });
  hovered = feature.id;
  if (hovered !== undefined) map.setFeatureState({ source: NEIGHBOURHOOD_SOURCE, id: hovered }, { hover: true });
  const p = feature.properties as { name: string; population: number };
  tooltip.textContent = `${p.name} — ${t('population')}: ${formatNumber(p.population)}`;
  tooltip.hidden = false;
  tooltip.style.transform = `translate(${event.point.x + 12}px, ${event.point.y + 12}px)`;
});
map.on('mouseleave', NEIGHBOURHOOD_FILL, () => {
  if (hovered !== undefined) map.setFeatureState({ source: NEIGHBOURHOOD_SOURCE, id: hovered }, { hover: false });
  hovered = undefined;
  tooltip.hidden = true;
});
