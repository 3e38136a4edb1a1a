import { invalidParameter, visibleColumns, type ColumnDefinition, type Dataset, type PrivacyClass } from '@kbs/core';
import { CRS84, crsByUri, type SupportedCrs } from './crs';
import { Cql2Error } from './cql2/ast';
import { compileFilter, type CompiledFilter } from './cql2/compile';
import { parseCql2Text } from './cql2/text';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 10_000;

export type Query = Record<string, string | string[] | undefined>;

export interface ItemsParams {
  limit: number;
  offset: number;
  bbox: { coordinates: [number, number, number, number]; crs: SupportedCrs } | null;
  datetime: { start: string | null; end: string | null } | null;
  crs: SupportedCrs;
  /** The columns to return, in catalog order. */
  properties: ColumnDefinition[];
  sortby: { column: string; descending: boolean }[];
  /** property=value equality filters on visible columns. */
  equals: { column: ColumnDefinition; value: string }[];
  /** Features within `distance` metres of a GeoJSON geometry (0: intersecting it). */
  near?: { geometry: string; distance: number };
  /** A CQL2 filter compiled to a parameterised condition (Part 3). */
  filter?: CompiledFilter;
  /** The caller's clearance: which columns (above) and which rows (core's visibleRows) it may read. */
  clearance: PrivacyClass;
}

const COMMON = ['f', 'limit', 'offset', 'bbox', 'bbox-crs', 'datetime', 'crs', 'properties', 'sortby', 'filter', 'filter-lang', 'filter-crs', 'precision'];

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw invalidParameter(name, `${name} may be given only once`);
  return value;
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(raw.trim())) throw invalidParameter('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
  const n = Number(raw);
  if (n < 1) throw invalidParameter('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return Math.min(n, MAX_LIMIT); // above the maximum is clamped, as OGC API – Features requires
}

function parseOffset(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) > 1e9) throw invalidParameter('offset', 'offset must be a whole number ≥ 0');
  return Number(raw);
}

function parseBbox(raw: string | undefined, crs: SupportedCrs): ItemsParams['bbox'] {
  if (raw === undefined) return null;
  const parts = raw.split(',').map((p) => p.trim());
  if ((parts.length !== 4 && parts.length !== 6) || parts.some((p) => p === '' || !Number.isFinite(Number(p)))) {
    throw invalidParameter('bbox', 'bbox must be four (or six) comma-separated numbers: minx,miny,maxx,maxy');
  }
  const n = parts.map(Number);
  // Six numbers carry heights; our data is 2-D, so only the horizontal extent counts.
  let [a, b, c, d] = parts.length === 6 ? [n[0]!, n[1]!, n[3]!, n[4]!] : [n[0]!, n[1]!, n[2]!, n[3]!];
  if (crs.latitudeFirst) [a, b, c, d] = [b, a, d, c];
  if (crs.srid === 4326) {
    if (Math.abs(b) > 90 || Math.abs(d) > 90 || Math.abs(a) > 180 || Math.abs(c) > 180) {
      throw invalidParameter('bbox', 'bbox coordinates are outside the valid longitude/latitude range');
    }
  }
  if (b > d) throw invalidParameter('bbox', 'bbox minimum y is greater than its maximum y');
  if (a > c && crs.srid !== 4326) throw invalidParameter('bbox', 'bbox minimum x is greater than its maximum x');
  return { coordinates: [a, b, c, d], crs };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;

function parseDatetime(raw: string | undefined): ItemsParams['datetime'] {
  if (raw === undefined) return null;
  const bound = (s: string): string | null => {
    if (s === '..' || s === '') return null;
    if (!INSTANT.test(s) || Number.isNaN(Date.parse(s))) {
      throw invalidParameter('datetime', `"${s}" is not an RFC 3339 date or date-time`);
    }
    return s;
  };
  const parts = raw.split('/');
  if (parts.length === 1) {
    const instant = bound(parts[0]!);
    if (instant === null) throw invalidParameter('datetime', 'datetime must be an instant or an interval start/end');
    return { start: instant, end: instant };
  }
  if (parts.length !== 2) throw invalidParameter('datetime', 'datetime must be an instant or an interval start/end');
  const start = bound(parts[0]!);
  const end = bound(parts[1]!);
  if (start === null && end === null) throw invalidParameter('datetime', 'an interval needs at least one bound');
  if (start && end && Date.parse(start) > Date.parse(end)) throw invalidParameter('datetime', 'the interval ends before it starts');
  return { start, end };
}

/** A property=value filter's value, checked against the column type so the database never sees a bad cast. */
function checkedValue(column: ColumnDefinition, value: string): string {
  const ok = {
    text: () => true,
    integer: () => /^-?\d{1,9}$/.test(value),
    bigint: () => /^-?\d{1,15}$/.test(value),
    double: () => value.trim() !== '' && Number.isFinite(Number(value)),
    boolean: () => value === 'true' || value === 'false',
    date: () => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)),
    timestamptz: () => INSTANT.test(value) && !Number.isNaN(Date.parse(value)),
    jsonb: () => false,
    'text[]': () => false,
  }[column.type]();
  if (!ok) throw invalidParameter(column.name, `"${value}" is not a valid ${column.type} value for property "${column.name}"`);
  return value;
}

function parseFilter(query: Query, dataset: Dataset, columns: Map<string, ColumnDefinition>): CompiledFilter | undefined {
  const text = single(query, 'filter');
  const lang = single(query, 'filter-lang') ?? 'cql2-text';
  if (lang !== 'cql2-text' && lang !== 'cql2-json') throw invalidParameter('filter-lang', 'filter-lang must be cql2-text or cql2-json');
  const filterCrs = single(query, 'filter-crs');
  if (filterCrs !== undefined && filterCrs !== CRS84) throw invalidParameter('filter-crs', `filter-crs must be ${CRS84}`);
  if (text === undefined) return undefined;
  try {
    let expression: unknown;
    if (lang === 'cql2-json') {
      try {
        expression = JSON.parse(text);
      } catch {
        throw new Cql2Error('the filter is not valid JSON');
      }
    } else expression = parseCql2Text(text);
    return compileFilter(expression, { columns, hasGeometry: Boolean(dataset.geometryType) });
  } catch (error) {
    if (error instanceof Cql2Error) throw invalidParameter('filter', `CQL2: ${error.message}`);
    throw error;
  }
}

export function parseItemsParams(query: Query, dataset: Dataset, clearance: PrivacyClass): ItemsParams {
  const visible = visibleColumns(dataset, clearance);
  const byName = new Map(visible.map((c) => [c.name, c]));
  for (const name of Object.keys(query)) {
    if (!COMMON.includes(name) && !byName.has(name)) {
      throw invalidParameter(name, `unknown query parameter "${name}"; allowed: ${[...COMMON, ...byName.keys()].join(', ')}`);
    }
  }
  const baseCrs = crsByUri(single(query, 'crs'), 'crs');
  // precision: decimal places of coordinates (fewer makes large polygons lighter).
  const precisionRaw = single(query, 'precision');
  if (precisionRaw !== undefined && (!/^\d{1,2}$/.test(precisionRaw) || Number(precisionRaw) > 15)) {
    throw invalidParameter('precision', 'precision must be a whole number of decimal places from 0 to 15');
  }
  const crs = precisionRaw === undefined ? baseCrs : { ...baseCrs, precision: Number(precisionRaw) };
  const bboxCrs = crsByUri(single(query, 'bbox-crs'), 'bbox-crs');
  const datetime = parseDatetime(single(query, 'datetime'));
  if (datetime && !dataset.temporalColumn) {
    throw invalidParameter('datetime', `collection "${dataset.id}" has no temporal property to filter on`);
  }
  const propertiesRaw = single(query, 'properties');
  const properties = propertiesRaw === undefined
    ? visible
    : propertiesRaw.split(',').map((p) => p.trim()).filter(Boolean).map((name) => {
        const column = byName.get(name);
        if (!column) throw invalidParameter('properties', `"${name}" is not a property of collection "${dataset.id}"`);
        return column;
      });
  const sortbyRaw = single(query, 'sortby');
  const sortby = (sortbyRaw ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((term) => {
    const descending = term.startsWith('-');
    const name = term.replace(/^[+-]/, '');
    const column = byName.get(name);
    if (!column || column.type === 'jsonb' || column.type === 'text[]') {
      throw invalidParameter('sortby', `"${name}" is not a sortable property of collection "${dataset.id}"`);
    }
    return { column: column.name, descending };
  });
  const equals = [...byName.values()]
    .filter((c) => query[c.name] !== undefined)
    .map((column) => ({ column, value: checkedValue(column, single(query, column.name)!) }));
  const filter = parseFilter(query, dataset, byName);
  return {
    limit: parseLimit(single(query, 'limit')),
    offset: parseOffset(single(query, 'offset')),
    bbox: parseBbox(single(query, 'bbox'), bboxCrs),
    datetime,
    crs,
    properties,
    sortby,
    equals,
    ...(filter ? { filter } : {}),
    clearance,
  };
}
