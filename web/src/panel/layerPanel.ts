/*
 * The layer panel: per layer a toggle, an opacity slider, up/down buttons and a legend; the thematic
 * map's controls (indicator, normalisation, year with play/pause, classification, scheme, 3D) sit in
 * the choropleth's entry. It is redrawn from the state after every change; the control that had the
 * focus gets it back (data-focus), so keyboard use is not interrupted.
 */
import { formatNumber, language, t, translate, type StringKey } from '../i18n';
import { moveLayer } from '../layers/layerOrder';
import { facilityIconUrl } from '../layers/facilityIcons';
import { MAX_CLASSES, MIN_CLASSES, parseBreaks, type ClassificationMethod } from '../thematic/classification';
import type { ChoroplethResult } from '../thematic/choroplethLayer';
import type { Indicator } from '../thematic/indicatorData';
import { NO_DATA_COLOUR } from '../thematic/choroplethLayer';
import { SCHEMES, schemeKind } from '../thematic/schemes';
import type { LayerId, MapState, Normalisation } from '../state/mapState';
import { COLOURS } from '../map/style';

export interface PanelContext {
  indicators: Indicator[];
  years: number[];
  /** The year on the map (the state's, or the latest). */
  year: number | null;
  choropleth: ChoroplethResult | null;
  facilityCategories: { category: string; count: number; colour: string }[];
  playing: boolean;
  /** Bodies that other parts draw for their layers (the citizen-request controls). */
  bodies: Partial<Record<LayerId, (state: MapState, actions: PanelActions) => HTMLElement>>;
}

export interface PanelActions {
  change(update: (state: MapState) => MapState): void;
  togglePlay(): void;
}

const TITLES: Record<LayerId, StringKey> = {
  choropleth: 'layerChoropleth',
  facilities: 'layerFacilities',
  labels: 'layerLabels',
  boundaries: 'layerBoundaries',
  requests: 'layerRequests',
};
const METHODS: [ClassificationMethod, StringKey][] = [['quantile', 'methodQuantile'], ['equal', 'methodEqual'], ['jenks', 'methodJenks'], ['stddev', 'methodStddev'], ['manual', 'methodManual']];
const NORMALISATIONS: [Normalisation, StringKey][] = [['none', 'normNone'], ['km2', 'normKm2'], ['per1000', 'normPer1000']];
const DENSITY = 'pop_total|km2';

export type Attrs = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'text') el.textContent = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...children.filter((c): c is Node | string => c !== null));
  return el;
}

export function select(focus: string, label: StringKey, options: [string, string][], value: string, onChange: (value: string) => void): HTMLElement {
  const s = h('select', { 'data-focus': focus, name: focus }, ...options.map(([v, text]) => h('option', { value: v, text })));
  s.value = value;
  s.addEventListener('change', () => onChange(s.value));
  return h('label', { class: 'field' }, h('span', { text: t(label) }), s);
}

/** A number as the legend shows it: whole numbers from 100 up, else up to two decimals. */
export function formatLegendNumber(value: number): string {
  return formatNumber(value, { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });
}

function choroplethLegend(result: ChoroplethResult | null): HTMLElement {
  const list = h('ol', { class: 'legend', id: 'choropleth-legend', 'aria-label': t('legend') });
  if (!result) return list;
  result.counts.forEach((count, i) => {
    const lower = result.breaks[i]!;
    const upper = result.breaks[i + 1]!;
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.background = result.colours[i]!;
    const range = i === 0 ? `${formatLegendNumber(lower)} – ${formatLegendNumber(upper)}` : `> ${formatLegendNumber(lower)} – ${formatLegendNumber(upper)}`;
    list.append(h('li', { 'data-class': i, 'data-lower': lower, 'data-upper': upper, 'data-count': count, 'data-colour': result.colours[i] },
      swatch, h('span', { class: 'range', text: range }), h('span', { class: 'count', text: `(${count})` })));
  });
  if (result.missing > 0) {
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.background = NO_DATA_COLOUR;
    list.append(h('li', { 'data-class': -1, 'data-count': result.missing }, swatch, h('span', { class: 'range', text: t('noData') }), h('span', { class: 'count', text: `(${result.missing})` })));
  }
  return list;
}

function thematicControls(state: MapState, context: PanelContext, actions: PanelActions): HTMLElement {
  const th = state.thematic;
  const set = (patch: Partial<MapState['thematic']>) => actions.change((s) => ({ ...s, thematic: { ...s.thematic, ...patch } }));
  const name = (i: Indicator) => (language() === 'tr' ? i.name_tr : i.name_en);
  const indicatorOptions: [string, string][] = [[DENSITY, t('populationDensity')], ...context.indicators.map((i): [string, string] => [i.code, `${name(i)}${i.unit ? ` (${i.unit})` : ''}`])];
  const isDensity = th.indicator === 'pop_total' && th.normalisation === 'km2';
  const box = h('div', { class: 'thematic' });
  box.append(
    select('indicator', 'indicator', indicatorOptions, isDensity ? DENSITY : th.indicator, (v) => set(v === DENSITY ? { indicator: 'pop_total', normalisation: 'km2' } : { indicator: v })),
    select('normalisation', 'normalisation', NORMALISATIONS.map(([v, k]) => [v, t(k)]), th.normalisation, (v) => set({ normalisation: v as Normalisation })),
  );
  if (context.years.length) {
    const year = context.year ?? context.years[context.years.length - 1]!;
    const slider = h('input', { type: 'range', min: context.years[0], max: context.years[context.years.length - 1], step: 1, value: year, 'data-focus': 'year', id: 'year-slider', 'aria-valuetext': String(year) });
    slider.addEventListener('change', () => set({ year: Number(slider.value) }));
    const play = h('button', { type: 'button', class: 'play', 'data-focus': 'play', 'aria-pressed': String(context.playing), text: context.playing ? t('pause') : t('play') });
    play.addEventListener('click', () => actions.togglePlay());
    box.append(h('div', { class: 'year-row' }, h('label', { class: 'field' }, h('span', {}, `${t('year')}: `, h('output', { id: 'year-value', text: String(year) })), slider), play));
  }
  box.append(
    // Manual starts from the breaks on the map, to be edited.
    select('method', 'method', METHODS.map(([v, k]) => [v, t(k)]), th.method, (v) => set(v === 'manual'
      ? { method: 'manual', manual: (context.choropleth?.breaks ?? []).slice(1, -1).map((b) => Number(b.toPrecision(6))) }
      : { method: v as ClassificationMethod })),
    select('classes', 'classes', Array.from({ length: MAX_CLASSES - MIN_CLASSES + 1 }, (_, i): [string, string] => [String(i + MIN_CLASSES), String(i + MIN_CLASSES)]), String(th.classes), (v) => set({ classes: Number(v) })),
    select('scheme', 'scheme', SCHEMES.map((s): [string, string] => [s, `${s} (${schemeKind(s) === 'sequential' ? (language() === 'tr' ? 'sıralı' : 'sequential') : (language() === 'tr' ? 'ıraksak' : 'diverging')})`]), th.scheme, (v) => set({ scheme: v as MapState['thematic']['scheme'] })),
  );
  if (th.method === 'manual') {
    const input = h('input', { type: 'text', inputmode: 'decimal', 'data-focus': 'manual', value: th.manual.map((b) => formatNumber(b, { maximumFractionDigits: 6, useGrouping: false })).join('; '), placeholder: '10.000; 25.000; 40.000' });
    input.addEventListener('change', () => set({ manual: parseBreaks(input.value) }));
    box.append(h('label', { class: 'field' }, h('span', { text: t('manualBreaks') }), input));
  }
  const extrude = h('input', { type: 'checkbox', 'data-focus': 'extrude', checked: th.extrude });
  extrude.addEventListener('change', () => set({ extrude: extrude.checked }));
  box.append(h('label', { class: 'check' }, extrude, h('span', { text: t('extrude') })), choroplethLegend(context.choropleth));
  return box;
}

function facilitiesLegend(state: MapState, context: PanelContext, actions: PanelActions): HTMLElement {
  const allowed = state.filters.facility;
  const list = h('ul', { class: 'legend categories' });
  for (const c of context.facilityCategories) {
    const box = h('input', { type: 'checkbox', 'data-focus': `facility-${c.category}`, 'data-category': c.category, checked: !allowed || allowed.includes(c.category) });
    box.addEventListener('change', () => actions.change((s) => {
      const all = context.facilityCategories.map((x) => x.category);
      const current = new Set(s.filters.facility ?? all);
      if (box.checked) current.add(c.category);
      else current.delete(c.category);
      const filters = { ...s.filters };
      if (current.size === all.length) delete filters.facility;
      else filters.facility = [...current];
      return { ...s, filters };
    }));
    const name = translate(`facility_${c.category}`, c.category);
    const icon = h('img', { class: 'legend-icon', src: facilityIconUrl(c.category, c.colour, name), alt: '', 'data-colour': c.colour });
    list.append(h('li', {}, h('label', { class: 'check' }, box, icon, h('span', { text: `${name} (${c.count})` }))));
  }
  return list;
}

function boundariesLegend(): HTMLElement {
  const swatch = h('span', { class: 'swatch outline', 'aria-hidden': 'true' });
  swatch.style.borderColor = COLOURS.outline;
  return h('ul', { class: 'legend' }, h('li', {}, swatch, h('span', { text: t('layerBoundaries') })));
}

export function renderLayerPanel(container: HTMLElement, state: MapState, context: PanelContext, actions: PanelActions): void {
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.focus;
  const list = h('ol', { class: 'layer-list' });
  state.layers.forEach((layer, index) => {
    const setLayer = (patch: Partial<typeof layer>) => actions.change((s) => ({ ...s, layers: s.layers.map((l) => (l.id === layer.id ? { ...l, ...patch } : l)) }));
    const toggle = h('input', { type: 'checkbox', 'data-focus': `toggle-${layer.id}`, 'data-layer-toggle': layer.id, checked: layer.visible });
    toggle.addEventListener('change', () => setLayer({ visible: toggle.checked }));
    const up = h('button', { type: 'button', class: 'icon', 'data-focus': `up-${layer.id}`, 'aria-label': `${t(TITLES[layer.id])}: ${t('moveUp')}`, title: t('moveUp'), disabled: index === 0, text: '↑' });
    const down = h('button', { type: 'button', class: 'icon', 'data-focus': `down-${layer.id}`, 'aria-label': `${t(TITLES[layer.id])}: ${t('moveDown')}`, title: t('moveDown'), disabled: index === state.layers.length - 1, text: '↓' });
    up.addEventListener('click', () => actions.change((s) => ({ ...s, layers: moveLayer(s.layers, layer.id, -1) })));
    down.addEventListener('click', () => actions.change((s) => ({ ...s, layers: moveLayer(s.layers, layer.id, 1) })));
    const opacity = h('input', { type: 'range', min: 0, max: 100, step: 5, value: Math.round(layer.opacity * 100), 'data-focus': `opacity-${layer.id}`, 'aria-label': `${t(TITLES[layer.id])}: ${t('opacity')}` });
    opacity.addEventListener('change', () => setLayer({ opacity: Number(opacity.value) / 100 }));
    const body = layer.id === 'choropleth' ? thematicControls(state, context, actions)
      : layer.id === 'facilities' ? facilitiesLegend(state, context, actions)
      : layer.id === 'boundaries' ? boundariesLegend()
      : context.bodies[layer.id]?.(state, actions) ?? null;
    list.append(h('li', { class: 'layer', 'data-layer': layer.id, 'data-visible': layer.visible },
      h('div', { class: 'layer-head' }, h('label', { class: 'check' }, toggle, h('span', { text: t(TITLES[layer.id]) })), up, down),
      h('label', { class: 'field opacity' }, h('span', { text: t('opacity') }), opacity),
      layer.visible ? body : null));
  });
  container.replaceChildren(list);
  if (focused) container.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focused)}"]`)?.focus();
}
