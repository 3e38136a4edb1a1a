import type { Knex } from 'knex';

export const name = '001_catalog';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
  await knex.raw('CREATE SCHEMA catalog');
  await knex.raw('CREATE SCHEMA data');
  await knex.raw(`
CREATE TABLE catalog.datasets (
  id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_-]{1,62}$'),
  table_name text NOT NULL UNIQUE CHECK (table_name ~ '^[a-z][a-z0-9_]{1,47}$'),
  title_tr text NOT NULL,
  title_en text NOT NULL,
  description_tr text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  theme text NOT NULL,
  keywords text[] NOT NULL DEFAULT '{}',
  licence text NOT NULL,
  publisher text NOT NULL,
  contact_email text,
  update_frequency text NOT NULL,
  id_column text NOT NULL,
  geometry_type text CHECK (geometry_type IN ('Point','MultiPoint','LineString','MultiLineString','MultiPolygon')),
  temporal_column text,
  published boolean NOT NULL DEFAULT false,
  access text NOT NULL CHECK (access IN ('public','internal','personal')),
  synthetic boolean NOT NULL DEFAULT false,
  keep_versions integer NOT NULL DEFAULT 3 CHECK (keep_versions BETWEEN 1 AND 100),
  current_version integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
)`);
  await knex.raw(`
CREATE TABLE catalog.columns (
  dataset_id text NOT NULL REFERENCES catalog.datasets(id) ON DELETE CASCADE,
  position integer NOT NULL,
  name text NOT NULL CHECK (name ~ '^[a-z_][a-z0-9_]{0,62}$'),
  type text NOT NULL,
  title_tr text NOT NULL,
  title_en text NOT NULL,
  description_tr text,
  description_en text,
  unit text,
  privacy text NOT NULL CHECK (privacy IN ('public','internal','personal')),
  PRIMARY KEY (dataset_id, name)
)`);
  await knex.raw(`
CREATE TABLE catalog.etl_runs (
  id bigserial PRIMARY KEY,
  dataset_id text NOT NULL REFERENCES catalog.datasets(id) ON DELETE CASCADE,
  source text NOT NULL,
  file_hash text,
  status text NOT NULL CHECK (status IN ('running','succeeded','failed','unchanged')),
  version integer,
  rows_read integer NOT NULL DEFAULT 0,
  rows_loaded integer NOT NULL DEFAULT 0,
  rows_rejected integer NOT NULL DEFAULT 0,
  actor text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  report jsonb,
  error text
)`);
  await knex.raw(`
CREATE TABLE catalog.versions (
  dataset_id text NOT NULL REFERENCES catalog.datasets(id) ON DELETE CASCADE,
  version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('staging','ready','current','retired')),
  run_id bigint REFERENCES catalog.etl_runs(id),
  row_count integer,
  file_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  activated_at timestamptz,
  PRIMARY KEY (dataset_id, version)
)`);
  await knex.raw('CREATE INDEX ON catalog.etl_runs (dataset_id, started_at DESC)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP SCHEMA data CASCADE');
  await knex.raw('DROP SCHEMA catalog CASCADE');
}
