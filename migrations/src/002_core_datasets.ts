import type { Knex } from 'knex';
import { createVersionedTable, dropVersionedTable } from './versionedTable';

export const name = '002_core_datasets';

const TABLES: [table: string, columns: [string, string][], key: string[]][] = [
  ['district', [
    ['code', 'text NOT NULL'],
    ['name', 'text NOT NULL'],
    ['geom', 'geometry(MultiPolygon, 4326) NOT NULL'],
  ], ['code']],
  ['neighbourhoods', [
    ['uavt_code', 'text NOT NULL'],
    ['name', 'text NOT NULL'],
    ['former_names', "text[] NOT NULL DEFAULT '{}'"],
    ['district_code', 'text NOT NULL'],
    ['population', 'integer'],
    ['population_year', 'integer'],
    ['area_km2', 'double precision'],
    ['boundary_note', 'text'],
    ['geom', 'geometry(MultiPolygon, 4326) NOT NULL'],
  ], ['uavt_code']],
  ['indicators', [
    ['code', 'text NOT NULL'],
    ['name_tr', 'text NOT NULL'],
    ['name_en', 'text NOT NULL'],
    ['unit', 'text'],
    ['topic', 'text NOT NULL'],
    ['source', 'text'],
    ['synthetic', 'boolean NOT NULL DEFAULT true'],
  ], ['code']],
  ['indicator_values', [
    ['id', 'bigint NOT NULL'],
    ['uavt_code', 'text NOT NULL'],
    ['indicator_code', 'text NOT NULL'],
    ['year', 'integer NOT NULL'],
    ['value', 'double precision'],
  ], ['id']],
  ['facilities', [
    ['id', 'text NOT NULL'],
    ['category', 'text NOT NULL'],
    ['name', 'text NOT NULL'],
    ['address', 'text'],
    ['uavt_code', 'text'],
    ['attributes', "jsonb NOT NULL DEFAULT '{}'"],
    ['source', 'text'],
    ['geom', 'geometry(Point, 4326) NOT NULL'],
  ], ['id']],
  ['citizen_requests', [
    ['id', 'text NOT NULL'],
    ['channel', 'text NOT NULL'],
    ['category', 'text NOT NULL'],
    ['status', 'text NOT NULL'],
    ['opened_at', 'timestamptz NOT NULL'],
    ['closed_at', 'timestamptz'],
    ['department', 'text'],
    ['uavt_code', 'text'],
    ['geom', 'geometry(Point, 4326)'],
  ], ['id']],
  // Personal data of applicants, apart from the requests so that no query on those can reach it.
  ['citizen_request_applicants', [
    ['request_id', 'text NOT NULL'],
    ['applicant_name', 'text'],
    ['applicant_phone', 'text'],
    ['applicant_national_id', 'text'],
    ['description', 'text'],
  ], ['request_id']],
  ['capture_sequences', [
    ['id', 'text NOT NULL'],
    ['name', 'text NOT NULL'],
    ['captured_on', 'date NOT NULL'],
    ['cleared_for_publication', 'boolean NOT NULL DEFAULT false'],
    ['recapture_of', 'text'],
    ['geom', 'geometry(LineString, 4326) NOT NULL'],
  ], ['id']],
  ['panoramas', [
    ['id', 'text NOT NULL'],
    ['sequence_id', 'text NOT NULL'],
    ['captured_at', 'timestamptz NOT NULL'],
    ['altitude', 'double precision'],
    ['heading', 'double precision NOT NULL'],
    ['pitch', 'double precision NOT NULL DEFAULT 0'],
    ['roll', 'double precision NOT NULL DEFAULT 0'],
    ['image', 'text NOT NULL'],
    ['cleared_for_publication', 'boolean NOT NULL DEFAULT false'],
    ['geom', 'geometry(Point, 4326) NOT NULL'],
  ], ['id']],
];

export async function up(knex: Knex): Promise<void> {
  for (const [table, columns, key] of TABLES) {
    await createVersionedTable(knex, table, columns, key);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const [table] of [...TABLES].reverse()) {
    await dropVersionedTable(knex, table);
  }
}
