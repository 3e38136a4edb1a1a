import { foldTurkish } from '@kbs/core';
import type { NeighbourhoodMatcher } from '../matching';
import { parseTurkishNumber } from '../readers/numbers';
import { text } from './values';

/**
 * The shapes indicator tables arrive in:
 * - long: one row per mahalle, indicator and year (`uavt_code|mahalle, indicator_code, year, value`);
 * - wide by year: `mahalle, indicator_code, 2019, 2020, …`;
 * - wide by indicator: `mahalle, year, pop_total, households, …` (columns named by indicator codes);
 * and in any of them the mahalle may be a UAVT code, a name, or a TÜİK-style packed hierarchy such as
 * "İstanbul(Bağcılar/Yavuz Selim Mah.)-40176" or "İSTANBUL-BAĞCILAR-KİRAZLI MAH.".
 */
/** How an indicator's figures are written: head counts ("44.709" = 44709) or measures (3,5 = 3.5). */
export type NumberKind = 'count' | 'decimal';

/** Counts are in persons, households, units; everything else (%, ratios, averages) is a measure. */
export function numberKindOf(unit: string | null): NumberKind {
  return unit && /^(kişi|hane|adet|kisi|person|persons|households?)$/i.test(unit.trim()) ? 'count' : 'decimal';
}

export type IndicatorLayout =
  | { kind: 'long'; place: string; indicator: string; year: string; value: string }
  | { kind: 'wide-years'; place: string; indicator: string; years: Map<string, number> }
  | { kind: 'wide-indicators'; place: string; year: string; indicators: Map<string, string> };

const key = (name: string) => foldTurkish(name).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
const PLACE = ['uavt_code', 'uavt', 'uavt_kodu', 'mahalle_kodu', 'mahalle', 'mahalle_adi', 'mah', 'neighbourhood', 'neighborhood', 'yer', 'ad', 'name', 'birim', 'idari_birim'];
const INDICATOR = ['indicator_code', 'indicator', 'gosterge', 'gosterge_kodu', 'kod'];
const YEAR = ['year', 'yil'];
const VALUE = ['value', 'deger', 'sayi'];

function find(columns: string[], names: string[]): string | undefined {
  for (const name of names) {
    const found = columns.find((c) => key(c) === name);
    if (found) return found;
  }
  return undefined;
}

/** Works out the layout from the header, or says what is missing. */
export function detectIndicatorLayout(columns: string[], knownIndicators: ReadonlyMap<string, NumberKind>): IndicatorLayout | { error: string } {
  const indicator = find(columns, INDICATOR);
  const year = find(columns, YEAR);
  const value = find(columns, VALUE);
  const isYear = (c: string) => /^\s*(19|20)\d\d\s*$/.test(c);
  // A TÜİK header names the hierarchy ("İl-İlçe-Mahalle"); otherwise the first column that is not a
  // figure. (Not simply the first key: JavaScript orders integer-like keys such as "2023" first.)
  const place = find(columns, PLACE) ?? columns.find((c) => key(c).includes('mahalle'))
    ?? columns.find((c) => !isYear(c) && c !== indicator && c !== year && c !== value && !knownIndicators.has(key(c)));
  if (!place) return { error: 'no column names the mahalle' };
  if (indicator && year && value) return { kind: 'long', place, indicator, year, value };
  const years = new Map(columns.filter(isYear).map((c) => [c, Number(c.trim())]));
  if (indicator && years.size > 0) return { kind: 'wide-years', place, indicator, years };
  const indicators = new Map(columns.filter((c) => knownIndicators.has(key(c))).map((c) => [c, key(c)]));
  if (year && indicators.size > 0) return { kind: 'wide-indicators', place, year, indicators };
  return {
    error: `cannot tell the layout: expected columns (mahalle or uavt_code, indicator_code, year, value), or year columns such as 2023, or indicator codes as columns (${[...knownIndicators].slice(0, 5).join(', ')}…) with a year column`,
  };
}

/**
 * The UAVT code of a mahalle given as a code, a name, or a packed hierarchy; for a hierarchy that names
 * another district, null with that district named, so the reason can say so.
 */
export function resolvePlace(raw: unknown, matcher: NeighbourhoodMatcher): { code: string } | { reject: string } {
  const value = text(raw);
  if (!value) return { reject: 'no mahalle' };
  if (/^\d{4,12}$/.test(value)) return matcher.hasCode(value) ? { code: value } : { reject: `UAVT code ${value} is not a mahalle of Bağcılar` };
  const byName = matcher.byName(value);
  if (byName) return { code: byName };
  const parts = value.split(/[()/\\|>,;-]+|\s-\s/).map((p) => p.trim()).filter(Boolean);
  const code = parts.find((p) => /^\d{4,12}$/.test(p) && matcher.hasCode(p));
  if (code) return { code };
  for (const part of [...parts].reverse()) {
    const found = matcher.byName(part);
    if (found) return { code: found };
  }
  const folded = parts.map((p) => foldTurkish(p));
  if (parts.length > 1 && !folded.some((p) => p.includes('bagcilar'))) return { reject: `"${value}" is not in Bağcılar` };
  return { reject: `"${value}" is not a mahalle of Bağcılar` };
}

export interface IndicatorValueRow {
  uavt_code: string;
  indicator_code: string;
  year: number;
  value: number;
}

const validYear = (y: number | undefined): y is number => y !== undefined && Number.isInteger(y) && y >= 1900 && y <= 2100;

/** The rows one source record holds in the given layout, or the reason it is rejected. */
export function indicatorRows(values: Record<string, unknown>, layout: IndicatorLayout, matcher: NeighbourhoodMatcher, knownIndicators: ReadonlyMap<string, NumberKind>): { rows: IndicatorValueRow[] } | { reject: string } {
  const place = resolvePlace(values[layout.place], matcher);
  if ('reject' in place) return place;
  const checkIndicator = (code: string | undefined) => (code && knownIndicators.has(code) ? null : `indicator "${code ?? ''}" is not in the indicators dataset`);
  // "44.709" is forty-four thousand for a head count, 44.709 for a percentage: the indicator's unit decides.
  const number = (raw: unknown, indicator?: string) => parseTurkishNumber(raw, indicator ? knownIndicators.get(indicator) ?? 'decimal' : 'count');
  if (layout.kind === 'long') {
    const indicator = text(values[layout.indicator]);
    const year = number(values[layout.year]);
    const value = number(values[layout.value], indicator);
    const bad = checkIndicator(indicator);
    if (bad) return { reject: bad };
    if (!validYear(year)) return { reject: `year "${String(values[layout.year] ?? '')}" is not a year` };
    if (value === undefined) return { reject: `value "${String(values[layout.value] ?? '')}" is not a number` };
    return { rows: [{ uavt_code: place.code, indicator_code: indicator!, year, value }] };
  }
  const rows: IndicatorValueRow[] = [];
  if (layout.kind === 'wide-years') {
    const indicator = text(values[layout.indicator]);
    const bad = checkIndicator(indicator);
    if (bad) return { reject: bad };
    for (const [column, year] of layout.years) {
      if (text(values[column]) === undefined) continue; // an empty cell: no figure for that year
      const value = number(values[column], indicator);
      if (value === undefined) return { reject: `${column}: "${String(values[column])}" is not a number` };
      rows.push({ uavt_code: place.code, indicator_code: indicator!, year, value });
    }
  } else {
    const year = number(values[layout.year]);
    if (!validYear(year)) return { reject: `year "${String(values[layout.year] ?? '')}" is not a year` };
    for (const [column, indicator] of layout.indicators) {
      if (text(values[column]) === undefined) continue;
      const value = number(values[column], indicator);
      if (value === undefined) return { reject: `${column}: "${String(values[column])}" is not a number` };
      rows.push({ uavt_code: place.code, indicator_code: indicator, year, value });
    }
  }
  return rows.length ? { rows } : { reject: 'no figures in this row' };
}
