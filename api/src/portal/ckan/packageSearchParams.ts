import { foldTurkish } from '@kbs/core';
import { DOWNLOAD_FORMATS } from '../formats';
import type { FacetKey, SearchCondition, SearchSort, SortKey } from '../search/searchQuery';
import { searchWords, type SearchWord } from '../search/searchWords';
import { searchQueryError } from './ckanError';
import { organizationName } from './packageDict';
import { licenceUrisOf, themeOfGroup } from './vocabulary';

/**
 * CKAN's search fields (Solr's in CKAN) and what they are here. `res_format` has no column of its own:
 * a dataset offers a format when `formatsFor` says so, which only its geometry decides.
 */
export const CKAN_FACETS = {
  groups: { key: 'theme', title: 'Temalar / Themes' },
  organization: { key: 'publisher', title: 'Birimler / Departments' },
  tags: { key: 'keyword', title: 'Anahtar kelimeler / Keywords' },
  res_format: { key: 'spatial', title: 'Biçimler / Formats' },
  license_id: { key: 'licence', title: 'Lisanslar / Licences' },
  frequency: { key: 'frequency', title: 'Güncelleme sıklığı / Update frequency' },
  spatial: { key: 'spatial', title: 'Mekânsal / Spatial' },
} as const satisfies Record<string, { key: FacetKey; title: string }>;
export type CkanFacet = keyof typeof CKAN_FACETS;

export function isCkanFacet(name: string): name is CkanFacet {
  return Object.hasOwn(CKAN_FACETS, name);
}

/** Fields a filter (`fq`, or `field:value` inside `q`) may name; the no-op ones are what harvesters send. */
const FILTER_FIELDS = new Set<string>([...Object.keys(CKAN_FACETS), 'name', 'id', 'owner_org', 'capacity', 'dataset_type', 'type', 'state']);

export interface ParsedFilters {
  conditions: SearchCondition[];
  /** Organization names in the filter: the caller maps them to departments (it knows them). */
  organizations: string[][];
}

const TOKEN = /([+-]?)([A-Za-z_.]+):("(?:[^"\\]|\\.)*"|\([^)]*\)|\S+)|(\S+)/g;

function unquote(value: string): string[] {
  if (value.startsWith('"')) return [value.slice(1, -1).replace(/\\(.)/g, '$1')];
  if (value.startsWith('(')) {
    return value
      .slice(1, -1)
      .split(/\s+OR\s+/)
      .map((v) => v.trim())
      .filter(Boolean)
      .map((v) => unquote(v)[0]!);
  }
  return [value];
}

function condition(field: string, values: string[]): SearchCondition | 'organization' | null {
  switch (field) {
    case 'groups':
      return { field: 'theme', values: values.map(themeOfGroup) };
    case 'tags':
      return { field: 'keyword', values };
    case 'license_id':
      return { field: 'licence', values: values.flatMap(licenceUrisOf) };
    case 'frequency':
      return { field: 'frequency', values: values.map((v) => v.toUpperCase()) };
    case 'spatial':
      return { field: 'spatial', values: values.map((v) => v.toLowerCase()) };
    case 'name':
    case 'id':
      return { field: 'id', values };
    case 'organization':
    case 'owner_org':
      return 'organization';
    case 'res_format': {
      const specs = values.map((v) => DOWNLOAD_FORMATS.find((f) => f.label.toLowerCase() === v.toLowerCase() || f.format === v.toLowerCase()));
      if (specs.some((s) => s && !s.spatialOnly)) return null; // every dataset offers it
      if (specs.some((s) => s)) return { field: 'spatial', values: ['true'] };
      return { field: 'id', values: [] }; // a format nobody offers
    }
    default:
      return null; // capacity, dataset_type, type, state: every dataset here is an active public "dataset"
  }
}

/** Solr-style `field:value` terms (quoted, or `(a OR b)`), ANDed; anything else is free text. */
export function parseFilterTerms(text: string, where: 'q' | 'fq'): { filters: ParsedFilters; freeText: string[] } {
  const filters: ParsedFilters = { conditions: [], organizations: [] };
  const freeText: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const [, sign, field, value, bare] = match;
    if (bare !== undefined) {
      if (bare === '*:*' || bare === '*' || bare === 'AND') continue;
      if (where === 'fq') throw searchQueryError(`fq term "${bare}" is not field:value`);
      freeText.push(bare);
      continue;
    }
    if (!FILTER_FIELDS.has(field!)) {
      // In q an unknown "word:word" is text (a URL, a time); in fq it is a mistake worth saying.
      if (where === 'q') {
        freeText.push(match[0]);
        continue;
      }
      throw searchQueryError(`unknown field "${field}" in ${where}; known: ${[...FILTER_FIELDS].join(', ')}`);
    }
    if (sign === '-') throw searchQueryError(`negated terms ("-${field}:…") are not supported in ${where}`);
    const values = unquote(value!);
    const c = condition(field!, values);
    if (c === 'organization') filters.organizations.push(values);
    else if (c) filters.conditions.push(c);
  }
  return { filters, freeText };
}

/** Departments whose organization name is one of `names`. */
export function departmentsNamed(names: string[], departments: string[]): string[] {
  const wanted = new Set(names.map((n) => foldTurkish(n)));
  return departments.filter((d) => wanted.has(organizationName(d)) || wanted.has(foldTurkish(d)));
}

export function parseQ(q: string | undefined): { words: SearchWord[]; filters: ParsedFilters } {
  if (!q) return { words: [], filters: { conditions: [], organizations: [] } };
  const { filters, freeText } = parseFilterTerms(q, 'q');
  return { words: searchWords(freeText.join(' ')), filters };
}

const SORT_FIELDS: Record<string, SortKey> = {
  score: 'score',
  rank: 'score',
  metadata_modified: 'modified',
  metadata_created: 'created',
  title_string: 'title',
  title: 'title',
  name: 'id',
  id: 'id',
  downloads: 'downloads',
  downloads_total: 'downloads',
  views: 'views',
  views_total: 'views',
  views_recent: 'views',
};

export const DEFAULT_SORT = 'score desc, metadata_modified desc';

/** CKAN's `sort`: "field direction, …". */
export function parseSort(sort: string): SearchSort[] {
  return sort.split(',').map((part) => {
    const [field, direction, ...rest] = part.trim().split(/\s+/);
    const key = field ? SORT_FIELDS[field] : undefined;
    if (!key) throw searchQueryError(`cannot sort by "${field ?? ''}"; sortable: ${Object.keys(SORT_FIELDS).join(', ')}`);
    const dir = (direction ?? 'asc').toLowerCase();
    if ((dir !== 'asc' && dir !== 'desc') || rest.length) throw searchQueryError(`sort direction must be asc or desc, not "${part.trim()}"`);
    return { key, direction: dir };
  });
}
