import type { Knex } from 'knex';
import { visibleRows, type ColumnDefinition, type Dataset, type PrivacyClass } from '@kbs/core';

/**
 * The rows of a dataset's current version the caller may read (`visibleRows`) for datastore_search. Every identifier
 * comes from the catalog's columns, already cut to what the caller's clearance allows; every value is
 * a bound parameter. Filters compare the text form of a column, as CKAN's datastore compares what a
 * client sends as JSON.
 */
export interface DatastoreQuery {
  dataset: Dataset;
  /** Decides the rows too, where the catalog holds rows back from the public. */
  clearance: PrivacyClass;
  /** The columns to return, in order (visible ones only). */
  columns: ColumnDefinition[];
  /** The visible columns: free-text search runs over them. */
  searchable: ColumnDefinition[];
  filters: { column: string; values: string[] }[];
  /** Folded words every row must contain (anywhere, or in the given column). */
  words: { column: string | null; word: string }[];
  sort: { column: string; direction: 'asc' | 'desc' }[];
  limit: number;
  offset: number;
  includeTotal: boolean;
}

function whereClause(query: DatastoreQuery): { sql: string; bindings: Knex.RawBinding[] } {
  const parts: string[] = [];
  const bindings: Knex.RawBinding[] = [];
  for (const f of query.filters) {
    parts.push('??::text = ANY(?::text[])');
    bindings.push(f.column, f.values);
  }
  for (const w of query.words) {
    const columns = w.column ? [w.column] : query.searchable.map((c) => c.name);
    parts.push(`portal.fold_turkish(concat_ws(' ', ${columns.map(() => '??::text').join(', ')})) LIKE ?`);
    bindings.push(...columns, `%${w.word}%`);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', bindings };
}

export async function datastoreRows(knex: Knex, query: DatastoreQuery): Promise<{ records: Record<string, unknown>[]; total: number | null }> {
  const source = visibleRows(query.dataset, query.clearance);
  const where = whereClause(query);
  const order = query.sort.length
    ? `ORDER BY ${query.sort.map((s) => `?? ${s.direction === 'desc' ? 'DESC' : 'ASC'}`).join(', ')}`
    : 'ORDER BY ??';
  const orderBindings = query.sort.length ? query.sort.map((s) => s.column) : [query.dataset.idColumn];
  const select = query.columns.map(() => '??').join(', ');
  const rowsQuery = query.limit > 0
    ? knex.raw<{ rows: Record<string, unknown>[] }>(`SELECT ${select} FROM ${source.sql} ${where.sql} ${order} LIMIT ? OFFSET ?`, [
        ...query.columns.map((c) => c.name),
        ...source.bindings,
        ...where.bindings,
        ...orderBindings,
        query.limit,
        query.offset,
      ])
    : Promise.resolve({ rows: [] });
  const totalQuery = query.includeTotal
    ? knex.raw<{ rows: { n: number }[] }>(`SELECT count(*)::int AS n FROM ${source.sql} ${where.sql}`, [...source.bindings, ...where.bindings])
    : Promise.resolve(null);
  const [rows, total] = await Promise.all([rowsQuery, totalQuery]);
  return { records: rows.rows, total: total ? total.rows[0]!.n : null };
}
