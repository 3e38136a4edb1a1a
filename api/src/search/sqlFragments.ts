import type { Knex } from 'knex';
import { visibleRows, type Dataset, type PrivacyClass } from '@kbs/core';

/** SQL pieces the search and the address cascade share. */

/** A dataset's rows as the caller may read them (visibleRows), under a short alias of ours. */
export function rowsAs(dataset: Dataset, clearance: PrivacyClass, alias: string): { sql: string; bindings: Knex.RawBinding[] } {
  const rows = visibleRows(dataset, clearance);
  return { sql: `(SELECT * FROM ${rows.sql}) AS ${alias}`, bindings: rows.bindings };
}

/** A geometry's bounds as a JSON array [west, south, east, north], 6 decimals. */
export const bboxJson = (g: string) =>
  `json_build_array(round(ST_XMin(${g})::numeric, 6), round(ST_YMin(${g})::numeric, 6), round(ST_XMax(${g})::numeric, 6), round(ST_YMax(${g})::numeric, 6))`;
