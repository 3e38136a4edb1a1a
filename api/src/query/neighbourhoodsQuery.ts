import type { Knex } from 'knex';

/** The current mahalle as one GeoJSON FeatureCollection, built in PostGIS (RFC 7946 winding, 6 decimals). */
export async function neighbourhoodsFeatureCollection(knex: Knex): Promise<string> {
  const { rows } = await knex.raw<{ rows: { fc: string }[] }>(`
SELECT json_build_object(
  'type', 'FeatureCollection',
  'features', coalesce(json_agg(json_build_object(
    'type', 'Feature',
    'id', uavt_code,
    'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 6)::json,
    'properties', json_build_object(
      'uavt_code', uavt_code, 'name', name, 'former_names', former_names,
      'population', population, 'population_year', population_year, 'area_km2', area_km2)
  ) ORDER BY name), '[]'::json)
)::text AS fc
FROM public.neighbourhoods`);
  return rows[0]!.fc;
}
