import { getDataset, visibleColumns, type ColumnDefinition, type ColumnType } from '@kbs/core';
import { canSeeDataset } from '../../access/clearance';
import { searchWords } from '../search/searchWords';
import type { ActionHandler } from './actionContext';
import { booleanParam, naturalParam, objectParam, requiredString, stringListParam, stringParam } from './actionParams';
import { CkanError, notFoundError, validationError } from './ckanError';
import { datastoreRows } from './datastoreQuery';
import { parseResourceId, resourceDicts } from './packageDict';

/** CKAN's datastore defaults (ckanext/datastore: `ckan.datastore.search.rows_default` / `rows_max`). */
export const DATASTORE_DEFAULT_LIMIT = 100;
export const DATASTORE_MAX_LIMIT = 32000;

/** The datastore type names CKAN reports for each catalog column type. */
const DATASTORE_TYPE: Record<ColumnType, string> = {
  text: 'text',
  integer: 'int4',
  bigint: 'int8',
  double: 'float8',
  boolean: 'bool',
  date: 'date',
  timestamptz: 'timestamptz',
  jsonb: 'json',
  'text[]': '_text',
};

function fieldDict(column: ColumnDefinition) {
  return {
    id: column.name,
    type: DATASTORE_TYPE[column.type],
    info: { label: column.titleTr, notes: column.descriptionTr ?? '', label_en: column.titleEn, notes_en: column.descriptionEn ?? '', unit: column.unit ?? '' },
  };
}

/** Dates as ISO text: a `date` as the calendar day the driver read (it builds local midnight), instants in UTC. */
function jsonValue(value: unknown, type: ColumnType): unknown {
  if (!(value instanceof Date)) return value;
  if (type !== 'date') return value.toISOString();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

function filterValues(field: string, value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw validationError('filters', `the value of "${field}" must be a string, number or boolean, or a list of them`);
  });
}

function withQuery(requestUrl: string, change: (params: URLSearchParams) => void): string {
  const url = new URL(requestUrl, 'http://x');
  change(url.searchParams);
  const query = url.searchParams.toString();
  return `${url.pathname}${query ? `?${query}` : ''}`;
}

/**
 * datastore_search over a dataset's current version. Only the columns the caller's clearance allows
 * exist here: a personal column named in `fields`, `filters`, `q` or `sort` is "not in table", exactly
 * as a column that does not exist, so that an anonymous caller cannot even learn its name.
 */
export const datastoreSearch: ActionHandler = async (context, params) => {
  const resourceId = requiredString(params, 'resource_id');
  const parsed = parseResourceId(resourceId);
  const dataset = parsed ? await getDataset(context.knex, parsed.datasetId) : null;
  if (!dataset || !resourceDicts(dataset, '').some((r) => r.id === resourceId)) throw notFoundError('Resource');
  if (!canSeeDataset(dataset, context.clearance)) throw new CkanError('Authorization Error', `Access denied: User not authorized to read resource ${resourceId}`);

  const visible = visibleColumns(dataset, context.clearance);
  const byName = new Map(visible.map((c) => [c.name, c]));
  const known = (field: string, where: string) => {
    if (!byName.has(field)) throw validationError(where, `field "${field}" not in table`);
    return field;
  };

  const fieldNames = stringListParam(params, 'fields', { commaSeparated: true });
  const columns = fieldNames ? fieldNames.map((f) => byName.get(known(f, 'fields'))!) : visible;

  const filtersParam = objectParam(params, 'filters') ?? {};
  const filters = Object.entries(filtersParam).map(([field, value]) => ({ column: known(field, 'filters'), values: filterValues(field, value) }));

  const words: { column: string | null; word: string }[] = [];
  const q = params.q;
  if (q !== undefined && q !== null && q !== '') {
    const fieldQueries = typeof q === 'object' || (typeof q === 'string' && q.trim().startsWith('{')) ? objectParam(params, 'q')! : null;
    if (fieldQueries) {
      for (const [field, text] of Object.entries(fieldQueries)) {
        known(field, 'q');
        if (typeof text !== 'string') throw validationError('q', `the text for "${field}" must be a string`);
        for (const w of searchWords(text)) words.push({ column: field, word: w.folded });
      }
    } else {
      for (const w of searchWords(requiredString(params, 'q'))) words.push({ column: null, word: w.folded });
    }
  }

  const sortText = stringParam(params, 'sort');
  const sort = sortText
    ? sortText.split(',').map((part) => {
        const [rawField, direction = 'asc', ...rest] = part.trim().split(/\s+/);
        const field = (rawField ?? '').replace(/^"(.*)"$/, '$1');
        known(field, 'sort');
        const dir = direction.toLowerCase();
        if ((dir !== 'asc' && dir !== 'desc') || rest.length) throw validationError('sort', 'sorting can only be asc or desc');
        return { column: field, direction: dir as 'asc' | 'desc' };
      })
    : [];

  // CKAN clamps limit silently to its maximum and echoes the value it used.
  const limit = naturalParam(params, 'limit', DATASTORE_DEFAULT_LIMIT, DATASTORE_MAX_LIMIT);
  const offset = naturalParam(params, 'offset', 0);
  const includeTotal = booleanParam(params, 'include_total', true);

  const { records, total } = dataset.currentVersion === null
    ? { records: [], total: 0 }
    : await datastoreRows(context.knex, { dataset, clearance: context.clearance, columns, searchable: visible, filters, words, sort, limit, offset, includeTotal });

  return {
    include_total: includeTotal,
    limit,
    offset,
    records_format: 'objects',
    resource_id: resourceId,
    fields: columns.map(fieldDict),
    records: records.map((r) => Object.fromEntries(columns.map((c) => [c.name, jsonValue(r[c.name], c.type)]))),
    ...(total !== null ? { total, total_was_estimated: false } : {}),
    ...(sortText ? { sort: sortText } : {}),
    ...(Object.keys(filtersParam).length ? { filters: filtersParam } : {}),
    ...(q !== undefined && q !== '' ? { q } : {}),
    _links: {
      start: withQuery(context.requestUrl, (p) => p.delete('offset')),
      next: withQuery(context.requestUrl, (p) => p.set('offset', String(offset + limit))),
      ...(offset - limit > 0 ? { prev: withQuery(context.requestUrl, (p) => p.set('offset', String(offset - limit))) } : {}),
    },
  };
};
