/*
 * The statistics of a drawn selection, asked of POST /api/area-statistics with the polygon the map
 * shows (areaPolygon), and shown as the API gives them: request figures only when the API returns
 * them (signed-in staff), a dash where it suppressed a small count.
 */
import type { Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { formatNumber, language, translate } from '../i18n';
import { h } from '../portal/dom';
import type { DrawnArea } from '../state/mapState';
import { areaPolygon, formatArea } from './geometry';
import { showShapes } from './shapeLayers';
import { d } from './strings';

export interface AreaStatistics {
  area_m2: number;
  residents_estimated: number;
  facilities: Record<string, number>;
  requests: { total: number | null; by_category: Record<string, number | null> } | null;
}

export async function fetchAreaStatistics(polygon: Polygon, signal?: AbortSignal): Promise<AreaStatistics> {
  const response = await fetch('/api/area-statistics', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ geometry: polygon }),
    signal,
  });
  if (!response.ok) throw new Error(`area statistics: HTTP ${response.status}`);
  return (await response.json()) as AreaStatistics;
}

const figure = (value: number | null) => (value === null ? d('suppressed') : formatNumber(value));

function figuresList(entries: [string, number | null][], prefix: string, attribute: string): HTMLUListElement {
  return h('ul', { class: 'draw-figures' }, ...entries.map(([key, n]) =>
    h('li', { [attribute]: key, 'data-count': n ?? '' }, h('span', {}, translate(`${prefix}${key}`, key)), h('strong', {}, figure(n)))));
}

function statisticsView(stats: AreaStatistics): HTMLElement {
  const facilities = Object.entries(stats.facilities);
  return h('div', { class: 'draw-stats' },
    h('dl', {},
      h('dt', {}, d('areaSize')), h('dd', { 'data-area-m2': stats.area_m2 }, formatArea(stats.area_m2, language())),
      h('dt', {}, d('residents')), h('dd', { 'data-residents': stats.residents_estimated }, formatNumber(stats.residents_estimated))),
    h('h4', {}, d('facilitiesInArea')),
    facilities.length ? figuresList(facilities, 'facility_', 'data-category') : h('p', {}, d('noFacilities')),
    stats.requests && h('section', { 'data-requests-total': stats.requests.total ?? '' },
      h('h4', {}, `${d('requestsInArea')}: ${figure(stats.requests.total)}`),
      figuresList(Object.entries(stats.requests.by_category), 'request_', 'data-request-category')),
  );
}

/**
 * Shows a drawn area on the map and its figures in `panel` (data-area-state: loading → ready | error).
 * Returns a function that drops a request still on its way.
 */
export function showSelection(map: MapLibreMap, panel: HTMLElement, area: DrawnArea, onClear: () => void): () => void {
  const polygon = areaPolygon(area);
  showShapes(map, 'selection', [{ type: 'Feature', geometry: polygon, properties: {} }]);
  const body = h('div', { 'aria-busy': 'true' }, h('p', {}, d('loadingFigures')));
  panel.replaceChildren(
    h('h3', {}, d('selectedArea')),
    body,
    h('button', { type: 'button', class: 'draw-button', onclick: onClear }, d('clearSelection')),
  );
  panel.dataset.areaState = 'loading';
  const controller = new AbortController();
  fetchAreaStatistics(polygon, controller.signal).then(
    (stats) => {
      body.replaceChildren(statisticsView(stats));
      body.removeAttribute('aria-busy');
      panel.dataset.areaState = 'ready';
    },
    (error: unknown) => {
      if (controller.signal.aborted) return;
      console.error(error);
      body.replaceChildren(h('p', { role: 'alert' }, d('figuresFailed')));
      panel.dataset.areaState = 'error';
    },
  );
  return () => controller.abort();
}

export function hideSelection(map: MapLibreMap): void {
  showShapes(map, 'selection', []);
}
