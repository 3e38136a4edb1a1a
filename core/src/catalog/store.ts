import type { Knex } from 'knex';
import type { ColumnDefinition, Dataset, DatasetDefinition, EditableMetadataField, MetadataChanges } from './types';

interface DatasetRow {
  id: string;
  table_name: string;
  title_tr: string;
  title_en: string;
  description_tr: string;
  description_en: string;
  theme: string;
  keywords: string[];
  licence: string;
  publisher: string;
  contact_email: string | null;
  update_frequency: string;
  id_column: string;
  geometry_type: Dataset['geometryType'];
  temporal_column: string | null;
  published: boolean;
  access: Dataset['access'];
  synthetic: boolean;
  keep_versions: number;
  editable: boolean;
  public_row_filter: string | null;
  current_version: number | null;
  created_at: Date;
  updated_at: Date;
  metadata_edited_at: Date | null;
  unpublished_at: Date | null;
  unpublished_reason: string | null;
}

interface ColumnRow {
  dataset_id: string;
  position: number;
  name: string;
  type: ColumnDefinition['type'];
  title_tr: string;
  title_en: string;
  description_tr: string | null;
  description_en: string | null;
  unit: string | null;
  privacy: ColumnDefinition['privacy'];
}

/** A catalog entry without its columns: what a listing of many datasets needs (CKAN package dicts). */
export type DatasetDescription = Omit<Dataset, 'columns'>;

function toDescription(row: DatasetRow): DatasetDescription {
  return {
    id: row.id,
    table: row.table_name,
    titleTr: row.title_tr,
    titleEn: row.title_en,
    descriptionTr: row.description_tr,
    descriptionEn: row.description_en,
    theme: row.theme,
    keywords: row.keywords,
    licence: row.licence,
    publisher: row.publisher,
    ...(row.contact_email ? { contactEmail: row.contact_email } : {}),
    updateFrequency: row.update_frequency,
    idColumn: row.id_column,
    geometryType: row.geometry_type,
    ...(row.temporal_column ? { temporalColumn: row.temporal_column } : {}),
    published: row.published,
    access: row.access,
    synthetic: row.synthetic,
    keepVersions: row.keep_versions,
    ...(row.editable ? { editable: true } : {}),
    ...(row.public_row_filter ? { publicRowFilter: row.public_row_filter } : {}),
    currentVersion: row.current_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    metadataEditedAt: row.metadata_edited_at,
    unpublishedAt: row.unpublished_at,
    unpublishedReason: row.unpublished_reason,
  };
}

function toDataset(row: DatasetRow, columns: ColumnRow[]): Dataset {
  return {
    ...toDescription(row),
    columns: columns
      .sort((a, b) => a.position - b.position)
      .map((c) => ({
        name: c.name,
        type: c.type,
        titleTr: c.title_tr,
        titleEn: c.title_en,
        ...(c.description_tr ? { descriptionTr: c.description_tr } : {}),
        ...(c.description_en ? { descriptionEn: c.description_en } : {}),
        ...(c.unit ? { unit: c.unit } : {}),
        privacy: c.privacy,
      })),
  };
}

export async function listDatasets(knex: Knex): Promise<Dataset[]> {
  const [rows, columns] = await Promise.all([
    knex<DatasetRow>('catalog.datasets').select('*').orderBy('id'),
    knex<ColumnRow>('catalog.columns').select('*'),
  ]);
  return rows.map((row) => toDataset(row, columns.filter((c) => c.dataset_id === row.id)));
}

export async function getDataset(knex: Knex, id: string): Promise<Dataset | null> {
  const row = await knex<DatasetRow>('catalog.datasets').where({ id }).first();
  if (!row) return null;
  const columns = await knex<ColumnRow>('catalog.columns').where({ dataset_id: id });
  return toDataset(row, columns);
}

/** The catalog column of each editable metadata field. */
const METADATA_COLUMN: Record<EditableMetadataField, keyof DatasetRow> = {
  titleTr: 'title_tr',
  titleEn: 'title_en',
  descriptionTr: 'description_tr',
  descriptionEn: 'description_en',
  theme: 'theme',
  keywords: 'keywords',
  licence: 'licence',
  publisher: 'publisher',
  contactEmail: 'contact_email',
  updateFrequency: 'update_frequency',
};
/**
 * The catalog entries with these ids, in the order given (missing ids are left out), without their
 * columns; one statement. A page of 1,000 CKAN packages needs no column, and reading them was a third
 * of its time.
 */
export async function getDatasetDescriptions(knex: Knex, ids: readonly string[]): Promise<DatasetDescription[]> {
  if (ids.length === 0) return [];
  const rows = (await knex('catalog.datasets').whereIn('id', [...ids]).select('*')) as DatasetRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toDescription(row)] : [];
  });
}

/**
 * Writes a dataset's description (not its version state) into the catalog; columns are replaced as a
 * whole. With `keepPublication`, an existing entry keeps its published flag and, once a publisher has
 * approved edited metadata, that metadata (both are a publisher's decisions, not the definition's).
 */
export async function upsertDataset(knex: Knex, def: DatasetDefinition, options: { keepPublication?: boolean } = {}): Promise<void> {
  await knex.transaction(async (trx) => {
    const row = {
      id: def.id,
      table_name: def.table,
      title_tr: def.titleTr,
      title_en: def.titleEn,
      description_tr: def.descriptionTr,
      description_en: def.descriptionEn,
      theme: def.theme,
      keywords: def.keywords,
      licence: def.licence,
      publisher: def.publisher,
      contact_email: def.contactEmail ?? null,
      update_frequency: def.updateFrequency,
      id_column: def.idColumn,
      geometry_type: def.geometryType,
      temporal_column: def.temporalColumn ?? null,
      published: def.published,
      access: def.access,
      synthetic: def.synthetic,
      keep_versions: def.keepVersions,
      editable: def.editable ?? false,
      public_row_filter: def.publicRowFilter ?? null,
      updated_at: trx.fn.now(),
    };
    const edited = options.keepPublication
      ? Boolean((await trx<DatasetRow>('catalog.datasets').where({ id: def.id }).first('metadata_edited_at'))?.metadata_edited_at)
      : false;
    const kept = new Set<string>(options.keepPublication ? ['published', ...(edited ? Object.values(METADATA_COLUMN) : [])] : []);
    const updated = Object.keys(row).filter((k) => k !== 'id' && !kept.has(k));
    await trx('catalog.datasets').insert(row).onConflict('id').merge(updated as (keyof typeof row)[]);
    await trx('catalog.columns').where({ dataset_id: def.id }).delete();
    await trx('catalog.columns').insert(
      def.columns.map((c, position) => ({
        dataset_id: def.id,
        position,
        name: c.name,
        type: c.type,
        title_tr: c.titleTr,
        title_en: c.titleEn,
        description_tr: c.descriptionTr ?? null,
        description_en: c.descriptionEn ?? null,
        unit: c.unit ?? null,
        privacy: c.privacy,
      })),
    );
  });
}

/** Applies approved metadata changes and marks the metadata as edited. */
export async function applyMetadataChanges(knex: Knex, id: string, changes: MetadataChanges): Promise<void> {
  const row: Record<string, unknown> = { metadata_edited_at: knex.fn.now(), updated_at: knex.fn.now() };
  for (const [field, value] of Object.entries(changes) as [EditableMetadataField, unknown][]) {
    row[METADATA_COLUMN[field]] = value ?? null;
  }
  await knex('catalog.datasets').where({ id }).update(row);
}

/** Publishes a dataset, or takes it off the public interfaces with a reason they will give (410). */
export async function setPublication(knex: Knex, id: string, publication: { published: true } | { published: false; reason: string }): Promise<void> {
  await knex('catalog.datasets')
    .where({ id })
    .update(
      publication.published
        ? { published: true, unpublished_at: null, unpublished_reason: null, updated_at: knex.fn.now() }
        : { published: false, unpublished_at: knex.fn.now(), unpublished_reason: publication.reason, updated_at: knex.fn.now() },
    );
}
