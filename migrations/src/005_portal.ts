import type { Knex } from 'knex';

export const name = '005_portal';

/**
 * The open data portal's own state: views and downloads per dataset per month. Kept in the database
 * (not in an instance's memory) so that any API instance can count, and so that the figures can be
 * published as a dataset of their own.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE SCHEMA portal;

CREATE TABLE portal.usage (
  dataset_id text NOT NULL REFERENCES catalog.datasets(id) ON DELETE CASCADE,
  month date NOT NULL CHECK (date_trunc('month', month) = month),
  views bigint NOT NULL DEFAULT 0 CHECK (views >= 0),
  downloads bigint NOT NULL DEFAULT 0 CHECK (downloads >= 0),
  PRIMARY KEY (dataset_id, month)
);
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP SCHEMA portal CASCADE');
}
