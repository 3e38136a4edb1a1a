import type { Knex } from 'knex';
import { createVersionedTable, dropVersionedTable } from './versionedTable';

export const name = '010_published_aggregates';

/**
 * Datasets the ETL derives from other data rather than loads from a file: the public aggregate of the
 * citizen requests (counts with small-count suppression; null = suppressed) and the portal's own usage
 * figures. Versioned like every dataset, so every public interface serves them as it serves the rest.
 */
export async function up(knex: Knex): Promise<void> {
  await createVersionedTable(knex, 'citizen_request_counts', [
    ['id', 'text NOT NULL'],
    ['month', 'date NOT NULL'],
    ['uavt_code', 'text NOT NULL'],
    ['mahalle', 'text NOT NULL'],
    ['category', 'text NOT NULL'],
    ['request_count', 'integer'],
    ['geom', 'geometry(MultiPolygon, 4326)'],
  ], ['id']);
  await createVersionedTable(knex, 'portal_usage', [
    ['id', 'text NOT NULL'],
    ['dataset_id', 'text NOT NULL'],
    ['month', 'date NOT NULL'],
    ['views', 'bigint NOT NULL'],
    ['downloads', 'bigint NOT NULL'],
  ], ['id']);
}

export async function down(knex: Knex): Promise<void> {
  await dropVersionedTable(knex, 'portal_usage');
  await dropVersionedTable(knex, 'citizen_request_counts');
}
