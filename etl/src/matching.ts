import type { Knex } from 'knex';
import { normaliseMahalleName } from '@kbs/core';

export interface NeighbourhoodMatcher {
  /** UAVT code for a mahalle name as people write it ("YAVUZ SELİM MAH.", "Evren"), or null. */
  byName(name: string): string | null;
  hasCode(code: string): boolean;
}

/** Matches against the current neighbourhoods, their former names included (Evren → 15 Temmuz). */
export async function loadNeighbourhoodMatcher(knex: Knex): Promise<NeighbourhoodMatcher> {
  const rows: { uavt_code: string; name: string; former_names: string[] }[] = await knex('public.neighbourhoods')
    .select('uavt_code', 'name', 'former_names');
  const byKey = new Map<string, string>();
  for (const row of rows) {
    for (const name of [row.name, ...row.former_names]) byKey.set(normaliseMahalleName(name), row.uavt_code);
  }
  const codes = new Set(rows.map((r) => r.uavt_code));
  // A file names the same few mahalle again and again: normalising each occurrence cost seconds per million rows.
  const seen = new Map<string, string | null>();
  return {
    byName: (name) => {
      let code = seen.get(name);
      if (code === undefined) {
        code = byKey.get(normaliseMahalleName(name)) ?? null;
        if (seen.size < 10_000) seen.set(name, code);
      }
      return code;
    },
    hasCode: (code) => codes.has(code),
  };
}

/** After staging: rows with a position but no mahalle get the one their point lies in. */
export async function matchByPosition(knex: Knex, partition: string): Promise<string[]> {
  const matched = await knex.raw(`
UPDATE data.?? p SET uavt_code = n.uavt_code
FROM public.neighbourhoods n
WHERE p.uavt_code IS NULL AND p.geom IS NOT NULL AND ST_Intersects(n.geom, p.geom)`, [partition]);
  return matched.rowCount ? [`${matched.rowCount} rows had no mahalle and were matched by their position`] : [];
}

/**
 * The neighbourhoods as a CTE the join hashes: with fresh statistics the planner otherwise looks each
 * row's mahalle up through the index, a million lookups (1.1 s where the hash join takes 0.4 s).
 */
const DISAGREEING = `
WITH n AS MATERIALIZED (SELECT uavt_code, geom FROM public.neighbourhoods)
SELECT %s FROM data.?? p JOIN n ON n.uavt_code = p.uavt_code
WHERE p.geom IS NOT NULL AND NOT ST_Intersects(n.geom, p.geom)`;

/** Rows whose declared mahalle does not contain their point, counted for the report (read-only). */
export async function positionDisagreements(knex: Knex, partition: string): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { n: number }[] }>(DISAGREEING.replace('%s', 'count(*)::int AS n'), [partition]);
  const n = rows[0]!.n;
  if (n === 0) return [];
  // Any five, which a scan finds in the order rows were loaded: sorting them all to pick five cost 0.5 s a million rows.
  const examples = await knex.raw<{ rows: { id: string }[] }>(`${DISAGREEING.replace('%s', 'p.id')} LIMIT 5`, [partition]);
  return [`${n} rows name a mahalle that does not contain their position (e.g. ${examples.rows.map((r) => r.id).join(', ')})`];
}
