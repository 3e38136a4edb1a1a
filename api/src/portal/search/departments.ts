import type { Knex } from 'knex';

/** Every publishing department of the catalog (to resolve an organization name to its department). */
export async function listDepartments(knex: Knex): Promise<string[]> {
  const rows = await knex('catalog.datasets').distinct('publisher').orderBy('publisher');
  return rows.map((r: { publisher: string }) => r.publisher);
}
