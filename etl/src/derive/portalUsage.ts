import type { Knex } from 'knex';
import { readSource } from '../readers';
import type { Pipeline } from '../pipelines/types';
import { integer, text } from '../pipelines/values';
import type { DerivedTable } from './types';

const HEADER = ['id', 'dataset_id', 'month', 'views', 'downloads'];

/**
 * Views and downloads (portal.usage) of every published public dataset for every month from the first
 * counted one to the current one (UTC), zeros included: the portal's usage as a dataset of its own.
 * Datasets that are not public are left out: their existence is not public either.
 */
export async function derivePortalUsage(knex: Knex): Promise<DerivedTable | null> {
  const { rows } = await knex.raw<{ rows: { dataset_id: string; month: string; views: string; downloads: string }[] }>(`
WITH this_month AS (SELECT date_trunc('month', now() AT TIME ZONE 'UTC')::date AS month),
months AS (
  SELECT generate_series(least((SELECT min(month) FROM portal.usage), (SELECT month FROM this_month)), (SELECT month FROM this_month), interval '1 month')::date AS month
)
SELECT d.id AS dataset_id, to_char(m.month, 'YYYY-MM-DD') AS month, coalesce(u.views, 0)::text AS views, coalesce(u.downloads, 0)::text AS downloads
FROM catalog.datasets d
CROSS JOIN months m
LEFT JOIN portal.usage u ON u.dataset_id = d.id AND u.month = m.month
WHERE d.published AND d.access = 'public'
ORDER BY d.id, m.month`);
  if (rows.length === 0) return null;
  return {
    header: HEADER,
    rows: rows.map((r) => [`${r.dataset_id}/${r.month.slice(0, 7)}`, r.dataset_id, r.month, r.views, r.downloads]),
    source: `derived from portal.usage up to ${rows[rows.length - 1]!.month.slice(0, 7)}`,
  };
}

export const portalUsagePipeline: Pipeline = {
  targets: ['portal_usage'],
  read: readSource,
  transform(record) {
    const v = record.values;
    const id = text(v.id);
    const datasetId = text(v.dataset_id);
    const month = text(v.month);
    const views = integer(v.views);
    const downloads = integer(v.downloads);
    if (!id || !datasetId || !month) return { reject: 'id, dataset_id and month are required' };
    if (views === undefined || views < 0 || downloads === undefined || downloads < 0) return { reject: 'views and downloads are counts' };
    return { rows: { portal_usage: [{ id, dataset_id: datasetId, month, views, downloads }] } };
  },
};
