import type { Knex } from 'knex';
import { createVersionedTable, dropVersionedTable } from './versionedTable';

export const name = '011_editable_datasets';

const PLANNED: [table: string, geometry: string][] = [
  ['planned_facilities', 'geometry(Point, 4326)'],
  ['planned_routes', 'geometry(MultiLineString, 4326)'],
  ['planned_areas', 'geometry(MultiPolygon, 4326)'],
];

/**
 * Digitising: datasets that signed-in editors draw into from the map (each edit becomes a new version,
 * so the tiles' cache, rollback and the audit trail work as for a load), and the three the platform
 * ships for planning: points, lines and polygons.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE catalog.datasets ADD COLUMN editable boolean NOT NULL DEFAULT false');
  for (const [table, geometry] of PLANNED) {
    await createVersionedTable(
      knex,
      table,
      [
        ['id', 'text NOT NULL'],
        ['name', 'text'],
        ['category', 'text'],
        ['status', 'text'],
        ['note', 'text'],
        ['edited_by', 'text'],
        ['edited_at', 'timestamptz'],
        ['geom', geometry],
      ],
      ['id'],
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const [table] of PLANNED) await dropVersionedTable(knex, table);
  await knex.raw('ALTER TABLE catalog.datasets DROP COLUMN editable');
}
