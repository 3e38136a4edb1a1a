/*
 * The mahalle profile in the feature panel: a mahalle switch (keyboard reach to every mahalle), key
 * figures, the population pyramid, the comparison with the district (and another mahalle), trends of key indicators,
 * facilities by category and request figures. Pure DOM from data already fetched, so a language
 * change redraws it without a request.
 */
import { formatNumber, language, translate } from '../i18n';
import { h } from '../portal/dom';
import { comparisonRows, latestYear } from './comparison';
import type { MonthCount, NeighbourhoodProfile, ProfileIndicator } from './profileApi';
import { pyramidRows } from './pyramid';
import { pyramidChart } from './pyramidChart';
import type { ProfileStringKey } from './strings';
import { trendChart } from './trendChart';

/** Indicators drawn over the years, in this order, when the profile has them. */
const TREND_CODES = ['pop_total', 'unemployment_rate', 'avg_household_size', 'edu_university', 'library_members', 'cultural_event_attendance'];

export interface RequestFigures {
  monthly: MonthCount[];
  /** Staff only: counts by category (null = suppressed). */
  byCategory: Record<string, number | null> | null;
  /** From the published aggregate, not the record-level requests. */
  published: boolean;
}

export interface ProfileViewInput {
  profile: NeighbourhoodProfile;
  requests: RequestFigures | null;
  neighbourhoods: { code: string; name: string }[];
  /** A second mahalle beside this one in the comparison (null: none chosen). */
  other: NeighbourhoodProfile | null;
  onSwitch(code: string): void;
  /** '' removes the second mahalle. */
  onCompare(code: string): void;
}

const tr = (key: ProfileStringKey) => translate(key);
const nameOf = (i: ProfileIndicator) => (language() === 'tr' ? i.name_tr : i.name_en);
const num = (v: number | null, digits = 2) => (v === null ? '–' : formatNumber(v, { maximumFractionDigits: digits }));

function section(id: string, heading: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'profile-section', 'aria-labelledby': `profile-${id}` }, h('h3', { id: `profile-${id}` }, heading), ...children);
}

/** A labelled choice of mahalle in Turkish alphabetical order. */
function mahalleSelect(id: string, label: string, choices: { code: string; name: string }[], chosen: string, onChange: (code: string) => void): HTMLElement {
  const collator = new Intl.Collator('tr');
  const select = h('select', { id, 'data-focus': id },
    ...[...choices].sort((a, b) => collator.compare(a.name, b.name)).map((n) => new Option(n.name, n.code, false, n.code === chosen)));
  select.addEventListener('change', () => onChange(select.value));
  return h('label', { class: 'field profile-switch', for: id }, h('span', {}, label), select);
}

function keyFigures(profile: NeighbourhoodProfile, year: number): HTMLElement {
  const item = (label: string, value: string, data: Record<string, string | number> = {}) => [h('dt', {}, label), h('dd', data, value)];
  // The year's total, as the pyramid sums to (the mahalle's own `population` is TÜİK's latest year).
  const population = profile.indicators.find((i) => i.code === 'pop_total')?.values.find((v) => v.year === year)?.value ?? null;
  return h('dl', { class: 'feature-attributes' },
    ...item(`${translate('population')} (${year})`, num(population, 0), { 'data-population': population ?? '' }),
    ...item(tr('profileArea'), num(profile.area_km2)),
    ...(profile.former_names.length ? item(tr('profileFormerNames'), profile.former_names.join(', ')) : []),
  );
}

function comparisonTable({ profile, other, neighbourhoods, onCompare }: ProfileViewInput, year: number): HTMLElement {
  const rows = comparisonRows(profile.indicators, year);
  const otherValue = (code: string) => other?.indicators.find((i) => i.code === code)?.values.find((v) => v.year === year)?.value ?? null;
  const choices = [{ code: '', name: '–' }, ...neighbourhoods.filter((n) => n.code !== profile.uavt_code)];
  return h('div', {}, mahalleSelect('profile-compare', tr('profileCompareWith'), choices, other?.uavt_code ?? '', onCompare), h('div', { class: 'table-scroll' }, h('table', { class: 'profile-table comparison' },
    h('caption', { class: 'hint' }, `${tr('profileDistrictNote')} (${year})`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, tr('profileIndicator')), h('th', { scope: 'col' }, profile.name), other ? h('th', { scope: 'col' }, other.name) : null,
      h('th', { scope: 'col' }, tr('profileMedian')), h('th', { scope: 'col' }, tr('profileDistrict')))),
    h('tbody', {}, ...rows.map((r) => h('tr', {
      'data-code': r.indicator.code,
      'data-value': r.value,
      'data-other': other ? otherValue(r.indicator.code) ?? '' : undefined,
      'data-median': r.median ?? '',
      'data-district': r.district ?? '',
      // Above or below the median mahalle by more than 10 %: a cue beside the numbers, not instead of them.
      class: r.ratio === null ? '' : r.ratio > 1.1 ? 'above' : r.ratio < 0.9 ? 'below' : '',
    },
    h('th', { scope: 'row' }, `${nameOf(r.indicator)}${r.indicator.unit && r.indicator.unit !== 'kişi' ? ` (${r.indicator.unit})` : ''}`),
    h('td', {}, num(r.value)), other ? h('td', {}, num(otherValue(r.indicator.code))) : null, h('td', {}, num(r.median)), h('td', {}, num(r.district))))),
  )));
}

function trends(indicators: ProfileIndicator[]): HTMLElement {
  const shown = TREND_CODES.map((code) => indicators.find((i) => i.code === code)).filter((i): i is ProfileIndicator => i !== undefined);
  return h('div', {}, h('p', { class: 'hint' }, tr('profileTrendLegend')), h('ul', { class: 'trends' },
    ...shown.map((i) => h('li', {}, h('span', { class: 'trend-name' }, nameOf(i)),
      trendChart(nameOf(i), i.unit, i.values.map((v) => ({ time: v.year, label: String(v.year), value: v.value, median: v.district_median })), i.code)))));
}

function facilities(profile: NeighbourhoodProfile): HTMLElement {
  const categories = Object.keys(profile.district_facilities).sort((a, b) => (profile.facilities[b] ?? 0) - (profile.facilities[a] ?? 0) || a.localeCompare(b));
  return h('table', { class: 'profile-table facilities' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, tr('profileCategory')), h('th', { scope: 'col' }, tr('profileHere')), h('th', { scope: 'col' }, tr('profileDistrictTotal')))),
    h('tbody', {}, ...categories.map((c) => h('tr', { 'data-category': c, 'data-count': profile.facilities[c] ?? 0 },
      h('th', { scope: 'row' }, translate(`facility_${c}`, c)), h('td', {}, num(profile.facilities[c] ?? 0, 0)), h('td', {}, num(profile.district_facilities[c] ?? 0, 0))))),
  );
}

function requestFigures(figures: RequestFigures): HTMLElement {
  if (figures.monthly.length === 0) return h('p', { class: 'hint' }, tr('profileRequestsNone'));
  const last12 = figures.monthly.slice(-12);
  const known = last12.reduce((a, m) => a + (m.count ?? 0), 0);
  const hidden = last12.some((m) => m.count === null);
  const points = figures.monthly.filter((m) => m.count !== null)
    .map((m) => ({ time: Number(m.month.slice(0, 4)) + (Number(m.month.slice(5, 7)) - 1) / 12, label: m.month, value: m.count!, median: null }));
  const chart = trendChart(tr('profileRequestsMonthly'), null, points, 'requests_monthly');
  return h('div', { class: 'requests' },
    h('dl', { class: 'feature-attributes' }, h('dt', {}, `${tr('profileRequestsLast12')} (${last12[0]!.month} – ${last12[last12.length - 1]!.month})`),
      h('dd', { 'data-requests-last12': known }, `${hidden ? '≥ ' : ''}${num(known, 0)}`)),
    h('p', { class: 'trend-name' }, tr('profileRequestsMonthly')), chart,
    figures.byCategory ? h('table', { class: 'profile-table' }, h('tbody', {}, ...Object.entries(figures.byCategory).map(([c, n]) => h('tr', { 'data-category': c },
      h('th', { scope: 'row' }, translate(`request_${c}`, c)), h('td', {}, n === null ? tr('profileRequestsSuppressed') : num(n, 0)))))) : null,
    figures.published ? h('p', { class: 'hint' }, tr('profileRequestsPublic')) : null,
  );
}

export function profileView(input: ProfileViewInput): HTMLElement {
  const { profile, requests } = input;
  const year = latestYear(profile.indicators) ?? new Date().getFullYear();
  const pyramid = pyramidRows(profile.indicators, year);
  return h('div', { class: 'profile', 'data-year': year },
    mahalleSelect('profile-switch', tr('profileSwitch'), input.neighbourhoods, profile.uavt_code, input.onSwitch),
    keyFigures(profile, year),
    pyramid.length ? section('pyramid', `${tr('profilePyramid')} (${year})`, pyramidChart(pyramid, year)) : null,
    section('comparison', tr('profileComparison'), comparisonTable(input, year)),
    section('trends', tr('profileTrends'), trends(profile.indicators)),
    section('facilities', tr('profileFacilities'), facilities(profile)),
    requests ? section('requests', tr('profileRequests'), requestFigures(requests)) : null,
  );
}
