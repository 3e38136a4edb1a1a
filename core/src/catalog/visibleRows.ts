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
  if (dataset.publicRowFilter && clearance === 'public') {
    return { sql: '(SELECT * FROM public.?? WHERE ?? IS TRUE) AS ??', bindings: [dataset.table, dataset.publicRowFilter, dataset.table] };
  }
  return { sql: 'public.?? AS ??', bindings: [dataset.table, dataset.table] };
}
