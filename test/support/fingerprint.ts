import type { Knex } from 'knex';

/**
 * Row counts and an md5 of every row of the catalog and of the named dataset tables (all versions):
 * equal before and after a refused load proves that it changed nothing.
 */
export async function fingerprint(knex: Knex, datasetTables: string[] = ['facilities']): Promise<Record<string, string | number>> {
  const digest = (table: string) => `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM ${table} t)`;
  const { rows } = await knex.raw(`
SELECT
  ${digest('catalog.datasets')} AS datasets,
  ${digest('catalog.versions')} AS versions,
  ${datasetTables.map((t) => `${digest(`data."${t}"`)} AS "${t}",`).join('\n  ')}
  (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'data') AS tables`);
  return rows[0];
}
