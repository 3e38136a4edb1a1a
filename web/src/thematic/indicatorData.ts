/*
 * Indicator values for the choropleth, read from the public OGC API (indicators and indicator_values
 * collections): one request per indicator, all years at once, so the year slider needs no request.
 */
import type { Normalisation } from '../state/mapState';

export interface Indicator {
  code: string;
  name_tr: string;
  name_en: string;
  unit: string | null;
  topic: string;
}

/** uavt_code → year → value */
export type IndicatorValues = Map<string, Map<number, number>>;

interface Items<P> {
  features: { properties: P }[];
}

async function items<P>(path: string): Promise<P[]> {
  const response = await fetch(path, { headers: { Accept: 'application/geo+json, application/json' } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return ((await response.json()) as Items<P>).features.map((f) => f.properties);
}

export function fetchIndicators(): Promise<Indicator[]> {
  return items<Indicator>('/ogc/collections/indicators/items?limit=1000&properties=code,name_tr,name_en,unit,topic&sortby=code');
}

const cache = new Map<string, Promise<IndicatorValues>>();

export function fetchIndicatorValues(code: string): Promise<IndicatorValues> {
  let values = cache.get(code);
  if (!values) {
    values = items<{ uavt_code: string; year: number; value: number }>(
      `/ogc/collections/indicator_values/items?indicator_code=${encodeURIComponent(code)}&limit=10000&properties=uavt_code,year,value`,
    ).then((rows) => {
      const byMahalle: IndicatorValues = new Map();
      for (const r of rows) {
        if (!byMahalle.has(r.uavt_code)) byMahalle.set(r.uavt_code, new Map());
        byMahalle.get(r.uavt_code)!.set(Number(r.year), Number(r.value));
      }
      return byMahalle;
    });
    values.catch(() => cache.delete(code));
    cache.set(code, values);
  }
  return values;
}

export function yearsOf(values: IndicatorValues): number[] {
  const years = new Set<number>();
  for (const byYear of values.values()) for (const year of byYear.keys()) years.add(year);
  return [...years].sort((a, b) => a - b);
}

/**
 * One mahalle's value for the map: the raw value, per km² of its area, or per 1,000 residents of the
 * same year (pop_total). null when a figure is missing or the divisor is not positive.
 */
export function normalisedValue(
  raw: number | undefined,
  normalisation: Normalisation,
  areaKm2: number | null | undefined,
  population: number | undefined,
): number | null {
  if (raw === undefined || !Number.isFinite(raw)) return null;
  if (normalisation === 'none') return raw;
  if (normalisation === 'km2') return areaKm2 && areaKm2 > 0 ? raw / areaKm2 : null;
  return population && population > 0 ? (raw / population) * 1000 : null;
}
