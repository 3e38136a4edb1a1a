import type { Knex } from 'knex';
import { suppress } from './spatialQueries';

export interface RequestWindow {
  from: string | null;
  to: string | null;
}

/** Opened in [from, to] (dates, Istanbul time; `to` inclusive). */
export function windowSql(window: RequestWindow): { sql: string; bindings: Knex.RawBinding[] } {
  return {
    sql: `(?::date IS NULL OR r.opened_at >= (?::date)::timestamp AT TIME ZONE 'Europe/Istanbul')
      AND (?::date IS NULL OR r.opened_at < ((?::date) + 1)::timestamp AT TIME ZONE 'Europe/Istanbul')`,
    bindings: [window.from, window.from, window.to, window.to],
  };
}

export interface RequestCell {
  key: string;
  name?: string;
  count: number | null;
  per_1000_residents?: number | null;
  median_resolution_hours: number | null;
  p90_resolution_hours: number | null;
}

/**
 * Request counts and resolution times grouped by mahalle or category. Cells under the small-count
 * threshold are suppressed together with their resolution times.
 */
export async function requestStatistics(knex: Knex, groupBy: 'neighbourhood' | 'category', window: RequestWindow): Promise<RequestCell[]> {
  const w = windowSql(window);
  const key = groupBy === 'neighbourhood' ? 'r.uavt_code' : 'r.category';
  const { rows } = await knex.raw<{ rows: { key: string; name: string | null; population: number | null; n: number; median_h: number | null; p90_h: number | null }[] }>(`
SELECT ${key} AS key, ${groupBy === 'neighbourhood' ? 'max(n.name)' : 'NULL'} AS name, ${groupBy === 'neighbourhood' ? 'max(n.population)' : 'NULL'} AS population,
       count(*)::int AS n,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.closed_at - r.opened_at) / 3600) FILTER (WHERE r.closed_at IS NOT NULL) AS median_h,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM r.closed_at - r.opened_at) / 3600) FILTER (WHERE r.closed_at IS NOT NULL) AS p90_h
FROM public.citizen_requests r
${groupBy === 'neighbourhood' ? 'LEFT JOIN public.neighbourhoods n ON n.uavt_code = r.uavt_code' : ''}
WHERE ${w.sql} AND ${key} IS NOT NULL
GROUP BY ${key}
ORDER BY ${key}`, w.bindings);
  return rows.map((r) => {
    const count = suppress(r.n);
    const round1 = (v: number | null) => (v === null || count === null ? null : Math.round(v * 10) / 10);
    return {
      key: r.key,
      ...(r.name ? { name: r.name } : {}),
      count,
      ...(groupBy === 'neighbourhood' ? { per_1000_residents: count === null || !r.population ? null : Math.round((count / r.population) * 10_000) / 10 } : {}),
      median_resolution_hours: round1(r.median_h),
      p90_resolution_hours: round1(r.p90_h),
    };
  });
}

/** Requests per month (Istanbul time), suppressed below the threshold. */
export async function monthlyRequests(knex: Knex, window: RequestWindow, uavtCode: string | null): Promise<{ month: string; count: number | null }[]> {
  const w = windowSql(window);
  const { rows } = await knex.raw<{ rows: { month: string; n: number }[] }>(`
SELECT to_char(date_trunc('month', r.opened_at AT TIME ZONE 'Europe/Istanbul'), 'YYYY-MM') AS month, count(*)::int AS n
FROM public.citizen_requests r
WHERE ${w.sql} AND (?::text IS NULL OR r.uavt_code = ?::text)
GROUP BY 1 ORDER BY 1`, [...w.bindings, uavtCode, uavtCode]);
  return rows.map((r) => ({ month: r.month, count: suppress(r.n) }));
}

export interface NeighbourhoodProfile {
  uavt_code: string;
  name: string;
  former_names: string[];
  population: number | null;
  area_km2: number | null;
  indicators: { code: string; name_tr: string; name_en: string; unit: string | null; topic: string; synthetic: boolean; values: { year: number; value: number; district: number | null; district_median: number | null }[] }[];
  facilities: Record<string, number>;
  district_facilities: Record<string, number>;
  /** Null for the public (see `requestFiguresFor`). */
  requests: { by_category: Record<string, number | null>; monthly: { month: string; count: number | null }[] } | null;
}

/**
 * Everything known about one mahalle, beside the district figure of each indicator (the sum for
 * counts, the population-weighted mean for rates and averages) and the median over the mahalle, the
 * typical mahalle a count can be compared with.
 */
export async function neighbourhoodProfile(knex: Knex, uavtCode: string, options: { requests: boolean }): Promise<NeighbourhoodProfile | null> {
  const n = await knex('public.neighbourhoods').select('uavt_code', 'name', 'former_names', 'population', 'area_km2').where({ uavt_code: uavtCode }).first();
  if (!n) return null;
  const { rows: values } = await knex.raw<{ rows: { code: string; name_tr: string; name_en: string; unit: string | null; topic: string; synthetic: boolean; year: number; value: number; district: number | null; district_median: number | null }[] }>(`
WITH district AS (
  SELECT v.indicator_code, v.year,
         CASE WHEN i.unit IN ('%', 'kişi/hane') THEN sum(v.value * p.value) / nullif(sum(p.value), 0) ELSE sum(v.value) END AS value
  FROM public.indicator_values v
  JOIN public.indicators i ON i.code = v.indicator_code
  LEFT JOIN public.indicator_values p ON p.uavt_code = v.uavt_code AND p.year = v.year AND p.indicator_code = 'pop_total'
  GROUP BY v.indicator_code, v.year, i.unit
),
median AS (
  SELECT indicator_code, year, percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS value
  FROM public.indicator_values
  GROUP BY indicator_code, year
)
SELECT i.code, i.name_tr, i.name_en, i.unit, i.topic, i.synthetic, v.year, v.value, round(d.value::numeric, 2)::float8 AS district,
       round(m.value::numeric, 2)::float8 AS district_median
FROM public.indicator_values v
JOIN public.indicators i ON i.code = v.indicator_code
LEFT JOIN district d ON d.indicator_code = v.indicator_code AND d.year = v.year
LEFT JOIN median m ON m.indicator_code = v.indicator_code AND m.year = v.year
WHERE v.uavt_code = ?
ORDER BY i.topic, i.code, v.year`, [uavtCode]);
  const indicators = new Map<string, NeighbourhoodProfile['indicators'][number]>();
  for (const v of values) {
    if (!indicators.has(v.code)) indicators.set(v.code, { code: v.code, name_tr: v.name_tr, name_en: v.name_en, unit: v.unit, topic: v.topic, synthetic: v.synthetic, values: [] });
    indicators.get(v.code)!.values.push({ year: v.year, value: v.value, district: v.district, district_median: v.district_median });
  }
  const facilityCounts = async (where: string, bindings: Knex.RawBinding[]) => {
    const { rows } = await knex.raw<{ rows: { category: string; n: number }[] }>(`SELECT category, count(*)::int AS n FROM public.facilities ${where} GROUP BY category ORDER BY category`, bindings);
    return Object.fromEntries(rows.map((r) => [r.category, r.n]));
  };
  const requests = options.requests
    ? (await knex.raw<{ rows: { category: string; n: number }[] }>(
        'SELECT category, count(*)::int AS n FROM public.citizen_requests WHERE uavt_code = ? GROUP BY category ORDER BY category', [uavtCode])).rows
    : null;
  return {
    uavt_code: n.uavt_code,
    name: n.name,
    former_names: n.former_names,
    population: n.population,
    area_km2: n.area_km2,
    indicators: [...indicators.values()],
    facilities: await facilityCounts('WHERE uavt_code = ?', [uavtCode]),
    district_facilities: await facilityCounts('', []),
    requests: requests
      ? { by_category: Object.fromEntries(requests.map((r) => [r.category, suppress(r.n)])), monthly: await monthlyRequests(knex, { from: null, to: null }, uavtCode) }
      : null,
  };
}
