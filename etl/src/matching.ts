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
  return {
    byName: (name) => byKey.get(normaliseMahalleName(name)) ?? null,
    hasCode: (code) => codes.has(code),
  };
}
