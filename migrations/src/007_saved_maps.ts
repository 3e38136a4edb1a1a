import type { Knex } from 'knex';

export const name = '007_saved_maps';

/**
 * Maps that analysts save under a name: the web map's state as a versioned JSON document (the web
 * app migrates old versions when it opens one), private to its owner or shared with every signed-in user.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE SCHEMA maps;

CREATE TABLE maps.saved_maps (
  id serial PRIMARY KEY,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  -- the principal's actor: user:<name> or key:<prefix>
  owner text NOT NULL,
  shared boolean NOT NULL DEFAULT false,
  schema_version integer NOT NULL CHECK (schema_version >= 1),
  document jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner, name)
);
CREATE INDEX saved_maps_shared ON maps.saved_maps (updated_at DESC) WHERE shared;
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP SCHEMA maps CASCADE');
}
