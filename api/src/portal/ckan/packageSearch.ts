import { getDatasetDescriptions, type PrivacyClass } from '@kbs/core';
import { DOWNLOAD_FORMATS } from '../formats';
import { listDepartments } from '../search/departments';
import { searchDatasets, type FacetCount, type FacetKey, type SearchCondition, type SearchRequest, type SearchResult, type SearchSort } from '../search/searchQuery';
import type { SearchWord } from '../search/searchWords';
import type { ActionContext, ActionHandler } from './actionContext';
import { booleanParam, naturalParam, stringListParam, stringParam, type ActionParams } from './actionParams';
import { searchQueryError } from './ckanError';
import { CKAN_FACETS, DEFAULT_SORT, departmentsNamed, isCkanFacet, parseFilterTerms, parseQ, parseSort, type CkanFacet, type ParsedFilters } from './packageSearchParams';
import { frequencyTitle, groupName, licenceOf, themeTitle } from './vocabulary';
import { organizationName, packageDict } from './packageDict';

/** CKAN's `ckan.search.rows_max` default: larger `rows` are cut to it silently. */
export const MAX_ROWS = 1000;
export const DEFAULT_ROWS = 10;
/** CKAN's `search.facets.limit` default. */
export const DEFAULT_FACET_LIMIT = 50;

interface FacetItem {
  name: string;
  display_name: string;
  count: number;
}

/** Facet counts in CKAN's names (organization names, group names, licence ids, format labels). */
function facetItems(field: CkanFacet, result: SearchResult): FacetItem[] {
  const counts = result.facets[CKAN_FACETS[field].key] ?? [];
  const merge = (items: FacetItem[]) => {
    const merged = new Map<string, FacetItem>();
    for (const item of items) {
      const existing = merged.get(item.name);
      if (existing) existing.count += item.count;
      else merged.set(item.name, { ...item });
    }
    return [...merged.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'tr'));
  };
  const map = (f: (c: FacetCount) => Omit<FacetItem, 'count'>) => merge(counts.map((c) => ({ ...f(c), count: c.count })));
  switch (field) {
    case 'groups':
      return map((c) => ({ name: groupName(c.value), display_name: themeTitle(c.value) }));
    case 'organization':
      return map((c) => ({ name: organizationName(c.value), display_name: c.value }));
    case 'tags':
      return map((c) => ({ name: c.value, display_name: c.value }));
    case 'license_id':
      return map((c) => ({ name: licenceOf(c.value).id, display_name: licenceOf(c.value).title }));
    case 'frequency':
      return map((c) => ({ name: c.value, display_name: frequencyTitle(c.value) }));
    case 'spatial':
      return map((c) => ({ name: c.value, display_name: c.value === 'true' ? 'Mekânsal / Spatial' : 'Mekânsal değil / Not spatial' }));
    case 'res_format': {
      const spatial = counts.find((c) => c.value === 'true')?.count ?? 0;
      return merge(
        DOWNLOAD_FORMATS.map((f) => ({ name: f.label, display_name: f.label, count: f.spatialOnly ? spatial : result.total })).filter((i) => i.count > 0),
      );
    }
  }
}

export interface PackageSearchInput {
  clearance: PrivacyClass;
  words: SearchWord[];
  filters: ParsedFilters;
  sort: SearchSort[];
  sortText: string;
  start: number;
  rows: number;
  facetFields: CkanFacet[];
  facetLimit: number;
}

/** Reads and checks package_search's parameters the way CKAN does. */
export function packageSearchInput(context: Pick<ActionContext, 'clearance'>, params: ActionParams): PackageSearchInput {
  const q = parseQ(stringParam(params, 'q'));
  const fq = stringParam(params, 'fq');
  const fqFilters = fq ? parseFilterTerms(fq, 'fq').filters : { conditions: [], organizations: [] };
  const facetFields = stringListParam(params, 'facet.field') ?? [];
  for (const f of facetFields) if (!isCkanFacet(f)) throw searchQueryError(`cannot facet on "${f}"; facets: ${Object.keys(CKAN_FACETS).join(', ')}`);
  const sortText = stringParam(params, 'sort') ?? DEFAULT_SORT;
  const facetLimit = stringParam(params, 'facet.limit') === '-1' ? Number.POSITIVE_INFINITY : naturalParam(params, 'facet.limit', DEFAULT_FACET_LIMIT);
  // CKAN's include_private: private datasets only on request, and only for callers who may see them.
  const includePrivate = booleanParam(params, 'include_private', false);
  return {
    clearance: includePrivate ? context.clearance : 'public',
    words: q.words,
    filters: {
      conditions: [...q.filters.conditions, ...fqFilters.conditions],
      organizations: [...q.filters.organizations, ...fqFilters.organizations],
    },
    sort: parseSort(sortText),
    sortText,
    start: naturalParam(params, 'start', 0),
    rows: naturalParam(params, 'rows', DEFAULT_ROWS, MAX_ROWS),
    facetFields: facetFields as CkanFacet[],
    facetLimit,
  };
}

/** The search a package_search asks for, organization names resolved to departments. */
export async function searchRequestOf(context: Pick<ActionContext, 'knex'>, input: PackageSearchInput): Promise<SearchRequest> {
  const conditions: SearchCondition[] = [...input.filters.conditions];
  if (input.filters.organizations.length) {
    const departments = await listDepartments(context.knex);
    for (const names of input.filters.organizations) conditions.push({ field: 'publisher', values: departmentsNamed(names, departments) });
  }
  return {
    clearance: input.clearance,
    words: input.words,
    conditions,
    sort: input.sort,
    offset: input.start,
    limit: input.rows,
    facets: [...new Set(input.facetFields.map((f) => CKAN_FACETS[f].key))] as FacetKey[],
  };
}

export async function runPackageSearch(context: ActionContext, input: PackageSearchInput) {
  const result = await searchDatasets(context.knex, await searchRequestOf(context, input), (ids) => getDatasetDescriptions(context.knex, ids));
  const datasets = result.loaded ?? [];
  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<string, { title: string; items: FacetItem[] }> = {};
  for (const field of input.facetFields) {
    const items = facetItems(field, result).slice(0, input.facetLimit);
    facets[field] = Object.fromEntries(items.map((i) => [i.name, i.count]));
    searchFacets[field] = { title: CKAN_FACETS[field].title, items };
  }
  return {
    count: result.total,
    sort: input.sortText,
    facets,
    results: datasets.map((d) => packageDict(d, context.baseUrl)),
    search_facets: searchFacets,
  };
}

export const packageSearch: ActionHandler = (context, params) => runPackageSearch(context, packageSearchInput(context, params));
