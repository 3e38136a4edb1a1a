import type { Knex } from 'knex';
import { listDatasets, getDataset, type Dataset } from '@kbs/core';
import { canSeeDataset, requireVisibleDataset } from '../../access/clearance';
import { collectionExtent } from '../../ogc/featuresSource';
import type { CatalogInput, DcatDataset } from './graph';

/** What the catalog says of a dataset's current version: its extent and the span of its temporal column. */
async function describe(knex: Knex, dataset: Dataset): Promise<DcatDataset> {
  if (dataset.currentVersion === null) return { dataset, bbox: null, period: null };
  const extent = await collectionExtent(knex, dataset, 'public');
  const [start, end] = extent.interval ?? [null, null];
  return { dataset, bbox: extent.bbox, period: start && end ? { start, end } : null };
}

async function district(knex: Knex): Promise<CatalogInput['district']> {
  const row = await knex('public.district').select('code', 'name').orderBy('code').first().catch(() => undefined);
  return row ? { code: row.code, name: row.name } : null;
}

/**
 * The catalog as the public sees it: published public datasets only (a harvester is anonymous, and the
 * document is the same for every caller).
 */
export async function publicCatalog(knex: Knex, baseUrl: string, all?: Dataset[]): Promise<CatalogInput> {
  const datasets = (all ?? (await listDatasets(knex))).filter((d) => canSeeDataset(d, 'public'));
  const described: DcatDataset[] = [];
  for (const d of datasets) described.push(await describe(knex, d));
  return { baseUrl, datasets: described, district: await district(knex) };
}

/**
 * What a DCAT document depends on: every dataset's description, publication and current version
 * (extents and periods change only with a version). Equal states give equal documents.
 */
export async function catalogState(knex: Knex): Promise<{ datasets: Dataset[]; key: string }> {
  const datasets = await listDatasets(knex);
  return { datasets, key: JSON.stringify(datasets.map((d) => [d.id, d.updatedAt.getTime(), d.currentVersion, d.published, d.access])) };
}

/** One dataset's entry; 404 when the public may not see it, 410 with the reason when it was unpublished. */
export async function publicDatasetEntry(knex: Knex, baseUrl: string, id: string): Promise<CatalogInput> {
  const dataset = requireVisibleDataset(await getDataset(knex, id), 'public', { detail: `There is no published dataset "${id}"`, parameter: 'id' });
  return { baseUrl, datasets: [await describe(knex, dataset)], district: await district(knex) };
}
