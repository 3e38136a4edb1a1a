/* The mahalle profile as GET /api/neighbourhoods/{code}/profile answers it: a copy of the type in api/src/query/analyticsQueries.ts, since web imports no code of ours (test/architecture.test.ts). */

export interface IndicatorYear {
  year: number;
  value: number;
  /** The district: the sum for counts, the population-weighted mean for rates and averages. */
  district: number | null;
  /** The median over the 22 mahalle. */
  district_median: number | null;
}

export interface ProfileIndicator {
  code: string;
  name_tr: string;
  name_en: string;
  unit: string | null;
  topic: string;
  synthetic: boolean;
  values: IndicatorYear[];
}

export interface MonthCount {
  month: string;
  count: number | null;
}

export interface NeighbourhoodProfile {
  uavt_code: string;
  name: string;
  former_names: string[];
  population: number | null;
  area_km2: number | null;
  indicators: ProfileIndicator[];
  facilities: Record<string, number>;
  district_facilities: Record<string, number>;
  /** Null unless the caller may read request figures (staff); the public gets `citizen_request_counts`. */
  requests: { by_category: Record<string, number | null>; monthly: MonthCount[] } | null;
}

async function json<T>(path: string, accept = 'application/json'): Promise<T> {
  const response = await fetch(path, { headers: { Accept: accept } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

export function fetchProfile(code: string): Promise<NeighbourhoodProfile> {
  return json(`/api/neighbourhoods/${encodeURIComponent(code)}/profile`);
}

/**
 * The published monthly totals of a mahalle (all categories) from the public `citizen_request_counts`
 * collection; suppressed months are null. `precision=0` because only the properties are read.
 */
export async function fetchPublishedMonthlyRequests(code: string): Promise<MonthCount[]> {
  const path = `/ogc/collections/citizen_request_counts/items?uavt_code=${encodeURIComponent(code)}&category=all&properties=month,request_count&sortby=month&limit=1000&precision=0`;
  const body = await json<{ features: { properties: { month: string; request_count: number | null } }[] }>(path, 'application/geo+json');
  return body.features.map((f) => ({ month: f.properties.month.slice(0, 7), count: f.properties.request_count }));
}

/** Two mahalle side by side (GET /api/neighbourhoods/compare), in the order asked. */
export async function fetchComparison(code: string, other: string): Promise<[NeighbourhoodProfile, NeighbourhoodProfile]> {
  const body = await json<{ neighbourhoods: [NeighbourhoodProfile, NeighbourhoodProfile] }>(`/api/neighbourhoods/compare?codes=${encodeURIComponent(code)},${encodeURIComponent(other)}`);
  return body.neighbourhoods;
}
