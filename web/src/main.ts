import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';
import { loadClientConfig } from './config';
import { language, LANGUAGES, maplibreLocale, onLanguageChange, setLanguage, t, type Language } from './i18n';
import { setUpDrawTools } from './draw/toolbar';
import { basemapSwitcher } from './map/basemap';
import { boundsOf, interiorPoint } from './map/geometry';
import type { Label, LabelOverlay } from './map/labels';
import { addNeighbourhoodLayers, fetchNeighbourhoods, NEIGHBOURHOOD_SOURCE } from './map/neighbourhoodLayers';
import { offlineStyle } from './map/style';
import { setUpFeaturePanel } from './panel/featureClicks';
import { addHoverTooltip } from './map/tooltip';
import { lazySearch } from './search/lazySearch';
import { exposeTestHooks, markBoundariesDrawn, setMapState } from './testHooks';
import { setUpTwin } from './twin/twin';
import { ThematicMap } from './thematicMap';

const BAGCILAR_CENTRE: [number, number] = [28.843, 41.044];

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}

const status = element<HTMLParagraphElement>('status');
const showStatus = (key: Parameters<typeof t>[0] | null) => {
  // data-i18n keeps the message in the chosen language when the language changes.
  if (key) status.dataset.i18n = key;
  else delete status.dataset.i18n;
  status.textContent = key ? t(key) : '';
  status.hidden = !key;
};

// The boundaries are requested at once; the map shell does not wait for them. What the first frame
// does not need (deck.gl for the labels, the thematic map's data) waits for that frame: with software
// WebGL on two cores it came a second sooner so (docs/benchmarks.md).
const neighbourhoods = fetchNeighbourhoods();
let boundariesDrawn!: () => void;
const firstFrame = new Promise<void>((resolve) => (boundariesDrawn = resolve));
const labelModule = firstFrame.then(() => import('./map/labels'));
neighbourhoods.catch(() => {}); // handled below; avoids an unhandled rejection before the map loads
labelModule.catch(() => {});

setLanguage(language());
document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) => {
  button.addEventListener('click', () => {
    const lang = button.dataset.lang as Language;
    if (LANGUAGES.includes(lang)) setLanguage(lang);
  });
});

const map = new maplibregl.Map({
  container: 'map',
  style: offlineStyle(),
  center: BAGCILAR_CENTRE,
  zoom: 12.6,
  locale: maplibreLocale(),
  attributionControl: { compact: true, customAttribution: 'Bağcılar Belediyesi' },
});
let navigation = new maplibregl.NavigationControl();
map.addControl(navigation, 'top-right');
map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
setUpTwin(map);
lazySearch(map, element('search-input'));
// A click on a feature opens its attributes or, for a mahalle, its profile (openFeaturePanel / showNeighbourhoodProfile).
setUpFeaturePanel(map, neighbourhoods);

onLanguageChange((lang) => {
  // MapLibre reads its UI strings when a control is added: patch its table and re-add the control.
  Object.assign(map._locale, maplibreLocale(lang));
  map.getCanvas().setAttribute('aria-label', maplibreLocale(lang)['Map.Title']!);
  map.removeControl(navigation);
  navigation = new maplibregl.NavigationControl();
  map.addControl(navigation, 'top-right');
});

let labelOverlay: LabelOverlay | undefined;
const thematic = new ThematicMap(map, element('panel-body'), element('saved-maps'), () => labelOverlay, firstFrame);
addHoverTooltip(map, element('tooltip'), (code) => thematic.describe(code));
exposeTestHooks({
  map,
  labels: () => (labelOverlay?.labels ?? []).map((l) => l.text),
  labelAnchors: () => (labelOverlay?.labels ?? []).map((l) => ({ text: l.text, position: [...l.position] })),
  mapState: () => thematic.state,
  requests: () => ({ access: thematic.requests.info.access, mode: thematic.state.requestMode, shown: thematic.requests.info.shown }),
});

// The layer panel: open beside the map on a wide screen, a sheet toggled from the header on a phone.
const panel = element('panel');
const panelToggle = element<HTMLButtonElement>('panel-toggle');
const showPanel = (open: boolean) => {
  panel.classList.toggle('collapsed', !open);
  panelToggle.setAttribute('aria-expanded', String(open));
};
showPanel(!window.matchMedia('(max-width: 600px)').matches);
panelToggle.addEventListener('click', () => showPanel(panel.classList.contains('collapsed')));

const mapLoaded = new Promise<void>((resolve) => map.once('load', () => resolve()));
setUpDrawTools(map, { state: () => thematic.state, change: (update) => thematic.change(update), onApply: (listener) => thematic.onApply(listener) }, mapLoaded);

/** Resolves at the first `idle` at which `ready()` holds; every frame ends with an idle check. */
function idleWhen(ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (ready() ? resolve() : map.once('idle', check));
    map.once('idle', check);
  });
}

async function showNeighbourhoods(): Promise<void> {
  showStatus('loading');
  await mapLoaded;
  const data = await neighbourhoods;
  addNeighbourhoodLayers(map, data);
  const view = thematic.state.view;
  if (view) map.jumpTo(view);
  else map.fitBounds(boundsOf(data.features.map((f) => f.geometry)), { padding: 32, animate: false });
  // The first frame drawn once the boundaries' tiles are loaded is the first with the boundaries in it.
  const whenDrawn = () => {
    if (!map.isSourceLoaded(NEIGHBOURHOOD_SOURCE)) return;
    map.off('render', whenDrawn);
    markBoundariesDrawn();
    boundariesDrawn();
  };
  map.on('render', whenDrawn);
  showStatus(null);

  const labels: Label[] = data.features.map((f) => ({ text: f.properties.name, position: interiorPoint(f.geometry) }));
  let labelsFailed = false;
  try {
    const { addLabels } = await labelModule;
    labelOverlay = addLabels(map, labels, () => map.triggerRepaint());
  } catch (error) {
    labelsFailed = true;
    showStatus('labelsFailed');
    console.error(error);
  }
  // The thematic map, the layer panel and the URL; its first drawing is part of "idle".
  await thematic.start(data);
  map.triggerRepaint(); // at least one more frame, so at least one more idle to check at
  await idleWhen(() => labelsFailed || (labelOverlay?.drawn ?? false));
  setMapState(labelsFailed ? 'error' : 'idle');
  thematic.ready = true;
}

showNeighbourhoods().catch((error: unknown) => {
  showStatus('loadFailed');
  setMapState('error');
  console.error(error);
});

/**
 * The basemap selector appears only when a basemap is configured; the offline default is shown until
 * the state (URL, saved map) names another.
 */
async function setUpBasemaps(): Promise<void> {
  const { basemaps } = await loadClientConfig();
  if (basemaps.length === 0) return;
  await mapLoaded;
  const switcher = basemapSwitcher(map, element('basemap'), basemaps, (name) => thematic.change((s) => ({ ...s, basemap: name })));
  thematic.onApply((state) => switcher.show(state.basemap));
  switcher.show(thematic.state.basemap);
  element('basemap-picker').hidden = false;
}

setUpBasemaps().catch((error: unknown) => console.error(error));

// The export dialog's code (canvas composition, print layout) loads on first use.
element<HTMLButtonElement>('export-open').addEventListener('click', () => {
  import('./export/exportDialog')
    .then(({ openExportDialog }) => openExportDialog(map))
    .catch((error: unknown) => console.error(error));
});
