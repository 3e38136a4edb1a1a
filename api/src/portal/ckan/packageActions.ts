import { getDataset } from '@kbs/core';
import { canSeeDataset } from '../../access/clearance';
import { collectionExtent } from '../../ogc/featuresSource';
import { searchDatasets } from '../search/searchQuery';
import type { ActionHandler } from './actionContext';
import { naturalParam, requiredString, stringParam } from './actionParams';
import { CkanError, missingValue, notFoundError } from './ckanError';
import { packageDict, parseResourceId, resourceDicts } from './packageDict';

/** package_list: the names of the public datasets, by name (CKAN lists public ones only, whoever asks). */
export const packageList: ActionHandler = async (context, params) => {
  const limit = naturalParam(params, 'limit', Number.MAX_SAFE_INTEGER);
  const offset = naturalParam(params, 'offset', 0);
  const result = await searchDatasets(context.knex, {
    clearance: 'public', words: [], conditions: [], sort: [{ key: 'id', direction: 'asc' }], offset, limit: Math.min(limit, 1_000_000), facets: [],
  });
  return result.hits.map((h) => h.id);
};

async function visibleDataset(context: Parameters<ActionHandler>[0], id: string) {
  const dataset = await getDataset(context.knex, id);
  if (!dataset) throw notFoundError('Dataset');
  // CKAN answers a private dataset with 403, not 404.
  if (!canSeeDataset(dataset, context.clearance)) throw new CkanError('Authorization Error', `Access denied: User not authorized to read package ${id}`);
  return dataset;
}

/**
 * package_show: `id` (or CKAN's older `name_or_id`). One package, so it also says its temporal coverage
 * (the span of its temporal column in the current version, over the rows the caller may see) as the
 * extras `temporal_start` / `temporal_end`; package_search leaves that query out of its pages.
 */
export const packageShow: ActionHandler = async (context, params) => {
  const id = stringParam(params, 'id') ?? stringParam(params, 'name_or_id');
  if (!id) throw missingValue('id');
  const dataset = await visibleDataset(context, id);
  const dict = packageDict(dataset, context.baseUrl);
  if (dataset.temporalColumn && dataset.currentVersion !== null) {
    const [start, end] = (await collectionExtent(context.knex, dataset, context.clearance)).interval ?? [null, null];
    if (start) dict.extras.push({ key: 'temporal_start', value: start });
    if (end) dict.extras.push({ key: 'temporal_end', value: end });
  }
  return dict;
};

export const resourceShow: ActionHandler = async (context, params) => {
  const id = requiredString(params, 'id');
  const parsed = parseResourceId(id);
  const dataset = parsed ? await getDataset(context.knex, parsed.datasetId) : null;
  const resource = dataset ? resourceDicts(dataset, context.baseUrl).find((r) => r.id === id) : undefined;
  if (!dataset || !resource) throw notFoundError('Resource');
  await visibleDataset(context, dataset.id);
  return resource;
};
