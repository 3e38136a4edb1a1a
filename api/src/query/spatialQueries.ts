import type { PrivacyClass } from '@kbs/core';
import type { Knex } from 'knex';
import { SMALL_COUNT_THRESHOLD } from './privacy';

/** The SQL of the spatial questions departments ask; values are always bound parameters. */

export interface PlaceAnswer {
  lon: number;
  lat: number;
  district: { code: string; name: string } | null;
  neighbourhood: { uavt_code: string; name: string } | null;
}

export async function placesForPoints(knex: Knex, points: [number, number][]): Promise<PlaceAnswer[]> {
  const { rows } = await knex.raw<{ rows: { lon: number; lat: number; d_code: string | null; d_name: string | null; uavt_code: string | null; n_name: string | null }[] }>(`
SELECT p.lon, p.lat, d.code AS d_code, d.name AS d_name, n.uavt_code, n.name AS n_name
FROM unnest(?::float8[], ?::float8[]) WITH ORDINALITY AS p(lon, lat, i)
CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326) AS pt) q
LEFT JOIN LATERAL (SELECT uavt_code, name FROM public.neighbourhoods WHERE ST_Intersects(geom, q.pt) ORDER BY uavt_code LIMIT 1) n ON true
LEFT JOIN LATERAL (SELECT code, name FROM public.district WHERE ST_Intersects(geom, q.pt) LIMIT 1) d ON true
ORDER BY p.i`, [points.map((p) => p[0]), points.map((p) => p[1])]);
  return rows.map((r) => ({
    lon: r.lon,
    lat: r.lat,
    district: r.d_code ? { code: r.d_code, name: r.d_name! } : null,
    neighbourhood: r.uavt_code ? { uavt_code: r.uavt_code, name: r.n_name! } : null,
  }));
}

export interface NearFacility {
  id: string;
  category: string;
  name: string;
  address: string | null;
  uavt_code: string | null;
  lon: number;
  lat: number;
  distance_m: number;
}

/**
 * k nearest facilities: the GiST index orders candidates by planar distance (`<->`), and the nearest
 * by true distance are chosen among four times as many candidates (degrees of longitude are shorter
 * than degrees of latitude here, so planar order is not exactly metric order).
 */
export async function nearestFacilities(knex: Knex, point: [number, number], category: string | null, k: number): Promise<NearFacility[]> {
  const { rows } = await knex.raw<{ rows: NearFacility[] }>(`
WITH q AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS pt),
candidates AS (
  SELECT f.id, f.category, f.name, f.address, f.uavt_code, f.geom
  FROM public.facilities f, q
  WHERE (?::text IS NULL OR f.category = ?::text)
  ORDER BY f.geom <-> q.pt
  LIMIT ?
)
SELECT id, category, name, address, uavt_code, ST_X(geom) AS lon, ST_Y(geom) AS lat,
       round(ST_Distance(geom::geography, q.pt::geography)::numeric, 1) AS distance_m
FROM candidates, q
ORDER BY distance_m, id
LIMIT ?`, [point[0], point[1], category, category, Math.max(k * 4, 20), k]);
  return rows;
}

export interface AreaStatistics {
  area_m2: number;
  residents_estimated: number;
  method: string;
  facilities: Record<string, number>;
  /** Null for the public (see `requestFiguresFor`). */
  requests: { total: number | null; by_category: Record<string, number | null> } | null;
}

/**
 * Whether a caller gets request figures computed on request (a drawn area, a mahalle's months). Counts
 * over free areas or windows can be subtracted from one another, and from the published aggregate, to
 * recover a suppressed cell; so the public gets the suppressed `citizen_request_counts` instead.
 */
export function requestFiguresFor(clearance: PrivacyClass): boolean {
  return clearance !== 'public';
}

/** The figures of a drawn area; the web map's selection shows these same numbers. */
export async function statisticsForArea(knex: Knex, geometryJson: string, options: { requests: boolean }): Promise<AreaStatistics> {
  const { rows } = await knex.raw<{ rows: { area_m2: number; residents: number; facilities: Record<string, number> | null; requests: { category: string; n: number }[] | null }[] }>(`
WITH area AS (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)), 3)) AS g)
SELECT
  ST_Area(a.g::geography) AS area_m2,
  (SELECT coalesce(sum(n.population * ST_Area(ST_Intersection(n.geom, a.g)::geography) / nullif(ST_Area(n.geom::geography), 0)), 0)
     FROM public.neighbourhoods n WHERE n.geom && a.g) AS residents,
  (SELECT json_object_agg(category, n ORDER BY category) FROM (
     SELECT f.category, count(*)::int AS n FROM public.facilities f WHERE f.geom && a.g AND ST_Intersects(f.geom, a.g) GROUP BY f.category) c) AS facilities,
  (SELECT json_agg(json_build_object('category', category, 'n', n) ORDER BY category) FROM (
     SELECT r.category, count(*)::int AS n FROM public.citizen_requests r WHERE r.geom && a.g AND ST_Intersects(r.geom, a.g) GROUP BY r.category) c) AS requests
FROM area a`, [geometryJson]);
  const r = rows[0]!;
  const byCategory = r.requests ?? [];
  const total = byCategory.reduce((s, c) => s + c.n, 0);
  return {
    area_m2: Math.round(r.area_m2),
    residents_estimated: Math.round(r.residents),
    method: 'areal interpolation: each mahalle population is assumed evenly spread over its area',
    facilities: r.facilities ?? {},
    requests: options.requests
      ? { total: suppress(total), by_category: Object.fromEntries(byCategory.map((c) => [c.category, suppress(c.n)])) }
      : null,
  };
}

export function suppress(n: number): number | null {
  return n < SMALL_COUNT_THRESHOLD ? null : n;
}

export interface Coverage {
  category: string;
  distance_m: number;
  method: string;
  total: { population: number; covered: number; share: number };
  neighbourhoods: { uavt_code: string; name: string; population: number; covered: number; share: number }[];
}

/** Residents within a distance of a facility category, by mahalle, by areal interpolation over the buffered union. */
export async function coverage(knex: Knex, category: string, distance: number): Promise<Coverage> {
  const { rows } = await knex.raw<{ rows: { uavt_code: string; name: string; population: number; share: number }[] }>(`
WITH reach AS (
  SELECT ST_Union(ST_Buffer(geom::geography, ?)::geometry) AS g FROM public.facilities WHERE category = ?
)
SELECT n.uavt_code, n.name, n.population,
       CASE WHEN reach.g IS NULL THEN 0
            ELSE ST_Area(ST_Intersection(n.geom, reach.g)::geography) / nullif(ST_Area(n.geom::geography), 0) END AS share
FROM public.neighbourhoods n, reach
ORDER BY n.name`, [distance, category]);
  const neighbourhoods = rows.map((r) => ({
    uavt_code: r.uavt_code,
    name: r.name,
    population: r.population,
    covered: Math.round(r.population * r.share),
    share: Math.round(r.share * 10_000) / 10_000,
  }));
  const population = neighbourhoods.reduce((s, n) => s + n.population, 0);
  const covered = neighbourhoods.reduce((s, n) => s + n.covered, 0);
  return {
    category,
    distance_m: distance,
    method: 'areal interpolation of mahalle populations over the union of facility buffers (geodesic metres)',
    total: { population, covered, share: population ? Math.round((covered / population) * 10_000) / 10_000 : 0 },
    neighbourhoods,
  };
}
