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

/**
 * After staging: rows with a position but no mahalle get the one their point lies in, and rows whose
 * declared mahalle does not contain their point are counted for the report.
 */
export async function matchByPosition(knex: Knex, partition: string): Promise<string[]> {
  const warnings: string[] = [];
  const matched = await knex.raw(`
UPDATE data.?? p SET uavt_code = n.uavt_code
FROM public.neighbourhoods n
WHERE p.uavt_code IS NULL AND p.geom IS NOT NULL AND ST_Intersects(n.geom, p.geom)`, [partition]);
  if (matched.rowCount) warnings.push(`${matched.rowCount} rows had no mahalle and were matched by their position`);
  const { rows } = await knex.raw<{ rows: { n: number; examples: string[] | null }[] }>(`
SELECT count(*)::int AS n, (array_agg(p.id ORDER BY p.id))[1:5] AS examples
FROM data.?? p JOIN public.neighbourhoods n ON n.uavt_code = p.uavt_code
WHERE p.geom IS NOT NULL AND NOT ST_Intersects(n.geom, p.geom)`, [partition]);
  if (rows[0]!.n) warnings.push(`${rows[0]!.n} rows name a mahalle that does not contain their position (e.g. ${rows[0]!.examples!.join(', ')})`);
  return warnings;
}
