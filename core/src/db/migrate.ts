import type { Knex } from 'knex';

export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Hands knex an explicit, ordered list, so migrations load the same under tsx, vitest and a bundle. */
function sourceOf(migrations: readonly Migration[]): Knex.MigrationSource<Migration> {
  return {
    getMigrations: async () => [...migrations],
    getMigrationName: (m) => m.name,
    getMigration: async (m) => ({ up: m.up, down: m.down }),
  };
}

const TABLE = { tableName: 'knex_migrations', schemaName: 'public' };

export async function migrateToLatest(knex: Knex, migrations: readonly Migration[]): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ ...TABLE, migrationSource: sourceOf(migrations) })) as [number, string[]];
  return applied;
}

export async function migrateDownAll(knex: Knex, migrations: readonly Migration[]): Promise<string[]> {
  const [, reverted] = (await knex.migrate.rollback({ ...TABLE, migrationSource: sourceOf(migrations) }, true)) as [number, string[]];
  return reverted;
}
