import type { Knex } from 'knex';
import { streamRows, type Dataset, type PrivacyClass } from '@kbs/core';
import { buildCountQuery, buildExtentQuery, buildItemQuery, buildItemsQuery } from './itemsQuery';
import type { ItemsParams } from './params';

/** Runs the OGC queries; knows SQL builders and the database, nothing of HTTP. */

export async function countItems(knex: Knex, dataset: Dataset, params: ItemsParams): Promise<number> {
  const q = buildCountQuery(dataset, params);
  const { rows } = await knex.raw<{ rows: { n: number }[] }>(q.sql, q.bindings);
  return rows[0]!.n;
}

export function streamItems(knex: Knex, dataset: Dataset, params: ItemsParams): AsyncGenerator<{ feature: string }> {
  const q = buildItemsQuery(dataset, params);
  return streamRows<{ feature: string }>(knex, q.sql, q.bindings);
}

export async function getItem(knex: Knex, dataset: Dataset, featureId: string, params: Pick<ItemsParams, 'crs' | 'properties' | 'clearance'>): Promise<string | null> {
  const q = buildItemQuery(dataset, featureId, params);
  const { rows } = await knex.raw<{ rows: { feature: string }[] }>(q.sql, q.bindings);
  return rows[0]?.feature ?? null;
}

export interface Extent {
  bbox: [number, number, number, number] | null;
  interval: [string | null, string | null] | null;
}

export async function collectionExtent(knex: Knex, dataset: Dataset, clearance: PrivacyClass): Promise<Extent> {
  const q = buildExtentQuery(dataset, clearance);
  const { rows } = await knex.raw<{ rows: { xmin: number | null; ymin: number; xmax: number; ymax: number; t_min: Date | null; t_max: Date | null }[] }>(q.sql, q.bindings);
  // A dataset without geometry or time aggregates nothing: an empty table gives no row at all.
  const r = rows[0] ?? { xmin: null, ymin: 0, xmax: 0, ymax: 0, t_min: null, t_max: null };
  return {
    bbox: r.xmin === null ? null : [r.xmin, r.ymin, r.xmax, r.ymax],
    interval: dataset.temporalColumn ? [r.t_min?.toISOString() ?? null, r.t_max?.toISOString() ?? null] : null,
  };
}
