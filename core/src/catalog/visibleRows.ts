import type { Knex } from 'knex';
import type { DatasetDefinition, PrivacyClass } from './types';

/** A FROM item and its bound identifiers. */
export interface RowSource {
  sql: string;
  bindings: Knex.RawBinding[];
}

/**
 * The rows of a dataset's current version that a caller cleared up to `clearance` may read, as a FROM
 * item named like the table. The one place the row-level publication rule lives: with a
 * `publicRowFilter`, the public (anonymous callers) reads only the rows where that boolean column is
 * true — street imagery stays unpublished until it is blurred — while signed-in roles read every row.
 * OGC items, vector tiles and the spatial queries all read a dataset through here.
 */
export function visibleRows(dataset: DatasetDefinition, clearance: PrivacyClass): RowSource {
  const condition = rowCondition(dataset, clearance);
  if (condition) return { sql: `(SELECT * FROM public.?? WHERE ${condition.sql}) AS ??`, bindings: [dataset.table, ...condition.bindings, dataset.table] };
  return { sql: 'public.?? AS ??', bindings: [dataset.table, dataset.table] };
}

/**
 * The same rule as a WHERE condition, for readers of a given version's rows (downloads of kept
 * versions read `data.<table>` rather than the current view); null when every row may be read.
 */
export function rowCondition(dataset: DatasetDefinition, clearance: PrivacyClass): RowSource | null {
  return dataset.publicRowFilter && clearance === 'public' ? { sql: '?? IS TRUE', bindings: [dataset.publicRowFilter] } : null;
}
