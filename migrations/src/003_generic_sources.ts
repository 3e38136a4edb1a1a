import type { Knex } from 'knex';

export const name = '003_generic_sources';

/** How a dataset made from an arbitrary table maps its source columns (kept for later loads). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE TABLE catalog.generic_sources (
  dataset_id text PRIMARY KEY REFERENCES catalog.datasets(id) ON DELETE CASCADE,
  columns jsonb NOT NULL,
  coordinates jsonb
)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE catalog.generic_sources');
}
