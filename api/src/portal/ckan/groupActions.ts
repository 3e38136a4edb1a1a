import { foldTurkish } from '@kbs/core';
import { searchDatasets, type FacetCount, type FacetKey } from '../search/searchQuery';
import type { ActionContext, ActionHandler } from './actionContext';
import { booleanParam, naturalParam, requiredString, stringListParam, stringParam, type ActionParams } from './actionParams';
import { notFoundError, validationError } from './ckanError';
import { runPackageSearch, MAX_ROWS } from './packageSearch';
import { DEFAULT_SORT, parseSort, type ParsedFilters } from './packageSearchParams';
import { groupDict, organizationDict, organizationName, tagDict } from './packageDict';
import { themeOfGroup } from './vocabulary';

/**
 * Organizations (publishing departments), groups (EU data themes) and tags (keywords) exist here only
 * through datasets: each is listed with the number of public datasets that carry it.
 */
async function publicCounts(context: ActionContext, facet: FacetKey): Promise<FacetCount[]> {
  const result = await searchDatasets(context.knex, { clearance: 'public', words: [], conditions: [], sort: [], offset: 0, limit: 0, facets: [facet] });
  return result.facets[facet] ?? [];
}

type Listed = { name: string; title: string; package_count: number; dict: Record<string, unknown> };

/** CKAN's `_group_or_org_list`: sort by title (default), name or package_count; names, or dicts with all_fields. */
function listing(items: Listed[], params: ActionParams, only: 'organizations' | 'groups') {
  const sort = (stringParam(params, 'sort') ?? 'title asc').trim().split(/\s+/);
  const [field = 'title', direction = 'asc'] = sort;
  if (!['title', 'name', 'package_count'].includes(field) || !['asc', 'desc'].includes(direction.toLowerCase())) {
    throw validationError('sort', 'Sort must be one of title, name or package_count, then asc or desc');
  }
  const wanted = stringListParam(params, only);
  const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
  const sorted = items
    .filter((i) => !wanted || wanted.includes(i.name))
    .sort((a, b) => sign * (field === 'package_count' ? a.package_count - b.package_count : String(a[field as 'title' | 'name']).localeCompare(String(b[field as 'title' | 'name']), 'tr')));
  const offset = naturalParam(params, 'offset', 0);
  const limit = naturalParam(params, 'limit', sorted.length);
  const page = sorted.slice(offset, offset + limit);
  return booleanParam(params, 'all_fields', false) ? page.map((i) => ({ ...i.dict, package_count: i.package_count })) : page.map((i) => i.name);
}

async function organizations(context: ActionContext): Promise<Listed[]> {
  const merged = new Map<string, Listed>();
  for (const c of await publicCounts(context, 'publisher')) {
    const name = organizationName(c.value);
    const existing = merged.get(name);
    if (existing) existing.package_count += c.count;
    else merged.set(name, { name, title: c.value, package_count: c.count, dict: organizationDict(c.value) });
  }
  return [...merged.values()];
}

async function groups(context: ActionContext): Promise<Listed[]> {
  return (await publicCounts(context, 'theme')).map((c) => {
    const dict = groupDict(c.value);
    return { name: dict.name, title: dict.title, package_count: c.count, dict: { ...dict, type: 'group', is_organization: false, state: 'active' } };
  });
}

export const organizationList: ActionHandler = async (context, params) => listing(await organizations(context), params, 'organizations');

export const groupList: ActionHandler = async (context, params) => listing(await groups(context), params, 'groups');

async function showOne(context: ActionContext, params: ActionParams, items: Listed[], filters: (item: Listed) => ParsedFilters, what: string) {
  const id = requiredString(params, 'id');
  const item = items.find((i) => i.name === id || foldTurkish(i.title) === foldTurkish(id));
  if (!item) throw notFoundError(what);
  const result: Record<string, unknown> = { ...item.dict, package_count: item.package_count };
  if (booleanParam(params, 'include_datasets', false)) {
    const search = await runPackageSearch(context, {
      clearance: 'public', words: [], filters: filters(item), sort: parseSort(DEFAULT_SORT), sortText: DEFAULT_SORT,
      start: 0, rows: MAX_ROWS, facetFields: [], facetLimit: 0,
    });
    result.packages = search.results;
  }
  return result;
}

export const organizationShow: ActionHandler = async (context, params) =>
  showOne(context, params, await organizations(context), (item) => ({ conditions: [], organizations: [[item.name]] }), 'Organization');

export const groupShow: ActionHandler = async (context, params) =>
  showOne(context, params, await groups(context), (item) => ({ conditions: [{ field: 'theme', values: [themeOfGroup(item.name)] }], organizations: [] }), 'Group');

/** tag_list: the keywords of public datasets by name; `query` matches a part, Turkish letters folded. */
export const tagList: ActionHandler = async (context, params) => {
  const query = stringParam(params, 'query');
  const folded = query ? foldTurkish(query) : null;
  const names = (await publicCounts(context, 'keyword'))
    .map((c) => c.value)
    .filter((name) => folded === null || foldTurkish(name).includes(folded))
    .sort((a, b) => a.localeCompare(b, 'tr'));
  return booleanParam(params, 'all_fields', false) ? names.map(tagDict) : names;
};
