import type { Knex } from 'knex';

/**
 * A dataset table as every dataset has it: `data.<table>` partitioned by `_version` (each ETL load is
 * one partition, so a switch is one UPDATE of the catalog and old versions drop in an instant), and the
 * view `public.<table>` that shows the current version only.
 *
 * Kept here, frozen with the migrations that use it, rather than shared with the ETL: a migration must
 * produce the same schema forever, whatever later code does.
 */
export async function createVersionedTable(
  knex: Knex,
  table: string,
  columns: [name: string, sqlType: string][],
  key: string[],
): Promise<void> {
  const columnSql = columns.map(([name, type]) => `"${name}" ${type}`).join(',\n  ');
  await knex.raw(`
CREATE TABLE data."${table}" (
  _version integer NOT NULL,
  ${columnSql},
  PRIMARY KEY (_version, ${key.map((k) => `"${k}"`).join(', ')})
) PARTITION BY LIST (_version)`);
  if (columns.some(([name]) => name === 'geom')) {
    await knex.raw(`CREATE INDEX ON data."${table}" USING gist (geom)`);
  }
  await createCurrentView(knex, table, columns.map(([name]) => name));
}

export async function createCurrentView(knex: Knex, table: string, columnNames: string[]): Promise<void> {
  await knex.raw(`
CREATE OR REPLACE VIEW public."${table}" AS
SELECT ${columnNames.map((n) => `"${n}"`).join(', ')}
FROM data."${table}"
WHERE _version = (SELECT current_version FROM catalog.datasets WHERE table_name = '${table}')`);
}

export async function dropVersionedTable(knex: Knex, table: string): Promise<void> {
  await knex.raw(`DROP VIEW IF EXISTS public."${table}"`);
  await knex.raw(`DROP TABLE IF EXISTS data."${table}" CASCADE`);
}
