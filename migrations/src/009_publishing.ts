import type { Knex } from 'knex';

export const name = '009_publishing';

/**
 * Publishing: a department editor drafts a dataset's metadata, a publisher approves it; an unpublished
 * dataset keeps its URL and says why it went (410). Approved metadata is marked as edited so that the
 * shipped definitions written at each start do not overwrite a publisher's decision.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE catalog.datasets
  ADD COLUMN metadata_edited_at timestamptz,
  ADD COLUMN unpublished_at timestamptz,
  ADD COLUMN unpublished_reason text;

CREATE TABLE catalog.metadata_drafts (
  dataset_id text PRIMARY KEY REFERENCES catalog.datasets(id) ON DELETE CASCADE,
  changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'object'),
  author text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP TABLE catalog.metadata_drafts;
ALTER TABLE catalog.datasets DROP COLUMN metadata_edited_at, DROP COLUMN unpublished_at, DROP COLUMN unpublished_reason;
`);
}
