import type { Knex } from 'knex';

export const name = '008_row_publication';

/**
 * Row-level publication: a dataset may name a boolean column that must be true for a row to reach
 * anonymous callers (see core's visibleRows). Street imagery is personal data until it is blurred.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE catalog.datasets ADD COLUMN public_row_filter text CHECK (public_row_filter ~ '^[a-z_][a-z0-9_]{0,62}$')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE catalog.datasets DROP COLUMN public_row_filter');
}
