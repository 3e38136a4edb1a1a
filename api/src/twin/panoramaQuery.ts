import type { Knex } from 'knex';
import { visibleRows, type Dataset, type PrivacyClass } from '@kbs/core';

/**
 * The image path of one capture, if the caller may read that capture (the same row rule as the
 * OGC items and tiles: uncleared captures only for signed-in roles); null otherwise.
 */
export async function panoramaImagePath(knex: Knex, dataset: Dataset, captureId: string, clearance: PrivacyClass): Promise<string | null> {
  const rows = visibleRows(dataset, clearance);
  const { rows: found } = await knex.raw<{ rows: { image: string | null }[] }>(
    `SELECT image FROM ${rows.sql} WHERE ??::text = ? LIMIT 1`,
    [...rows.bindings, dataset.idColumn, captureId],
  );
  return found[0]?.image ?? null;
}
