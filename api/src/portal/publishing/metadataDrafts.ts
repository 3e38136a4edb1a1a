import type { Knex } from 'knex';
import type { MetadataChanges } from '@kbs/core';

export interface MetadataDraft {
  changes: MetadataChanges;
  author: string;
  updatedAt: Date;
}

interface DraftRow {
  changes: MetadataChanges;
  author: string;
  updated_at: Date;
}

export async function getMetadataDraft(knex: Knex, datasetId: string): Promise<MetadataDraft | null> {
  const row = (await knex('catalog.metadata_drafts').where({ dataset_id: datasetId }).first('changes', 'author', 'updated_at')) as DraftRow | undefined;
  return row ? { changes: row.changes, author: row.author, updatedAt: row.updated_at } : null;
}

/** Adds changes to a dataset's draft (later values of a field replace earlier ones); the last editor is its author. */
export async function saveMetadataDraft(knex: Knex, datasetId: string, changes: MetadataChanges, author: string): Promise<void> {
  await knex.raw(
    `INSERT INTO catalog.metadata_drafts (dataset_id, changes, author) VALUES (?, ?::jsonb, ?)
     ON CONFLICT (dataset_id) DO UPDATE SET changes = catalog.metadata_drafts.changes || EXCLUDED.changes, author = EXCLUDED.author, updated_at = now()`,
    [datasetId, JSON.stringify(changes), author],
  );
}

export async function deleteMetadataDraft(knex: Knex, datasetId: string): Promise<boolean> {
  return (await knex('catalog.metadata_drafts').where({ dataset_id: datasetId }).delete()) > 0;
}

/** Every draft, by dataset id. */
export async function listMetadataDrafts(knex: Knex): Promise<Map<string, MetadataDraft>> {
  const rows = (await knex('catalog.metadata_drafts').select('dataset_id', 'changes', 'author', 'updated_at')) as (DraftRow & { dataset_id: string })[];
  return new Map(rows.map((r) => [r.dataset_id, { changes: r.changes, author: r.author, updatedAt: r.updated_at }]));
}
