/*
 * The citizen-request entry of the layer panel: the display (heatmap, hexagons, H3), the time window,
 * channels and categories, and how many requests are on the map. The public sees why there are no
 * points and where the published counts are.
 */
import { formatNumber, t, translate, type StringKey } from '../i18n';
import { h, select, type PanelActions } from '../panel/layerPanel';
import { REQUEST_MODES, type MapState, type RequestMode } from '../state/mapState';
import { dateOf } from './requestPoints';
import { REQUEST_FILTERS, type RequestsInfo } from './requestsLayer';

const MODE_NAMES: Record<RequestMode, StringKey> = { heatmap: 'requestsHeatmap', hexagon: 'requestsHexagon', h3: 'requestsH3' };
const PUBLIC_COUNTS = '/portal/datasets/citizen_request_counts';

function setFilter(actions: PanelActions, name: string, values: string[] | null): void {
  actions.change((s) => {
    const filters = { ...s.filters };
    if (values) filters[name] = values;
    else delete filters[name];
    return { ...s, filters };
  });
}

/** Checkboxes for codes; all ticked is no filter. */
function codeChoices(legend: StringKey, filter: string, codes: string[], allowed: string[] | undefined, actions: PanelActions): HTMLElement {
  const box = h('fieldset', { class: 'codes' }, h('legend', { text: t(legend) }));
  for (const code of codes) {
    const input = h('input', { type: 'checkbox', 'data-focus': `${filter}-${code}`, 'data-code': code, name: filter, checked: !allowed || allowed.includes(code) });
    input.addEventListener('change', () => {
      const current = new Set(allowed ?? codes);
      if (input.checked) current.add(code);
      else current.delete(code);
      setFilter(actions, filter, current.size === codes.length ? null : [...current]);
    });
    box.append(h('label', { class: 'check' }, input, h('span', { text: translate(`${filter}_${code}`, code) })));
  }
  return box;
}

function dateField(label: StringKey, filter: string, state: MapState, range: [number, number] | null, actions: PanelActions): HTMLElement {
  const input = h('input', {
    type: 'date',
    name: filter,
    'data-focus': filter,
    value: state.filters[filter]?.[0] ?? '',
    min: range ? dateOf(range[0]) : undefined,
    max: range ? dateOf(range[1]) : undefined,
  });
  input.addEventListener('change', () => setFilter(actions, filter, input.value ? [input.value] : null));
  return h('label', { class: 'field' }, h('span', { text: t(label) }), input);
}

export function requestsControls(state: MapState, info: RequestsInfo, actions: PanelActions): HTMLElement {
  const box = h('div', { class: 'requests', 'data-access': info.access });
  if (info.access === 'denied') {
    box.append(h('p', { class: 'hint', text: t('requestsStaffOnly') }), h('p', {}, h('a', { href: PUBLIC_COUNTS, text: t('requestsPublicCounts') })), h('a', { href: '/admin/', text: t('signIn') }));
    return box;
  }
  if (info.access === 'loading' || info.access === 'unknown') return h('p', { class: 'hint', role: 'status', text: t('requestsLoading') });
  if (info.access === 'failed') return h('p', { class: 'hint', role: 'status', text: t('requestsFailed') });
  box.append(
    select('request-mode', 'requestsDisplay', REQUEST_MODES.map((m) => [m, t(MODE_NAMES[m])]), state.requestMode, (v) => actions.change((s) => ({ ...s, requestMode: v as RequestMode }))),
    h('div', { class: 'date-range' }, dateField('requestsFrom', REQUEST_FILTERS.from, state, info.range, actions), dateField('requestsTo', REQUEST_FILTERS.to, state, info.range, actions)),
    codeChoices('requestsCategories', REQUEST_FILTERS.category, info.categories, state.filters[REQUEST_FILTERS.category], actions),
    codeChoices('requestsChannels', REQUEST_FILTERS.channel, info.channels, state.filters[REQUEST_FILTERS.channel], actions),
    h('p', { id: 'requests-shown', role: 'status', 'data-shown': info.shown ?? undefined, text: info.shown === null ? '' : `${formatNumber(info.shown)} ${t('requestsShown')}` }),
  );
  return box;
}
