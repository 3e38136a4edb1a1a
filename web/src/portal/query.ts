/**
 * The search page's state and its two encodings: the page's own URL (so that a search can be shared,
 * bookmarked and reloaded) and the CKAN `package_search` request it makes. Pure: unit-tested.
 */

/** The facets the search page asks for, in the order it shows them (CKAN field names). */
export const FACET_FIELDS = ['groups', 'res_format', 'organization', 'tags', 'license_id', 'frequency', 'spatial'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export const SORTS = ['relevance', 'date', 'downloads'] as const;
export type SortChoice = (typeof SORTS)[number];

/** CKAN's sort strings: its default for relevance, and the newest or most downloaded first. */
export const CKAN_SORT: Record<SortChoice, string> = {
  relevance: 'score desc, metadata_modified desc',
  date: 'metadata_modified desc',
  downloads: 'downloads desc',
};

export const PAGE_SIZE = 10;

export interface SearchState {
  q: string;
  /** Chosen facet values, in the order they were chosen; all must hold (AND). */
  filters: { field: FacetField; value: string }[];
  sort: SortChoice;
  /** 1-based. */
  page: number;
}

export const EMPTY_SEARCH: SearchState = { q: '', filters: [], sort: 'relevance', page: 1 };

const MAX_QUERY_LENGTH = 200;

/** Reads the page URL's query; anything unknown or malformed falls back to the default. */
export function parseSearch(params: URLSearchParams): SearchState {
  const q = (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH);
  const filters: SearchState['filters'] = [];
  for (const [key, value] of params) {
    if ((FACET_FIELDS as readonly string[]).includes(key) && value !== '' && !filters.some((f) => f.field === key && f.value === value)) {
      filters.push({ field: key as FacetField, value });
    }
  }
  const sortParam = params.get('sort') ?? '';
  const sort = (SORTS as readonly string[]).includes(sortParam) ? (sortParam as SortChoice) : 'relevance';
  const pageNumber = Number(params.get('page'));
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 10_000 ? pageNumber : 1;
  return { q, filters, sort, page };
}

/** The page URL's query for a state: defaults are left out, so the same search has one URL. */
export function searchQueryString(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const f of state.filters) params.append(f.field, f.value);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A Solr phrase: the value in double quotes, with backslashes and quotes escaped. */
export function solrPhrase(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The `package_search` parameters of a state (GET form: `facet.field` as a JSON list, as CKAN takes it). */
export function packageSearchParams(state: SearchState, rows = PAGE_SIZE): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.filters.length) params.set('fq', state.filters.map((f) => `${f.field}:${solrPhrase(f.value)}`).join(' AND '));
  params.set('facet.field', JSON.stringify(FACET_FIELDS));
  params.set('facet.limit', '50');
  params.set('sort', CKAN_SORT[state.sort]);
  params.set('rows', String(rows));
  params.set('start', String((state.page - 1) * rows));
  return params;
}

export function withFilter(state: SearchState, field: FacetField, value: string): SearchState {
  if (state.filters.some((f) => f.field === field && f.value === value)) return state;
  return { ...state, filters: [...state.filters, { field, value }], page: 1 };
}

export function withoutFilter(state: SearchState, field: FacetField, value: string): SearchState {
  return { ...state, filters: state.filters.filter((f) => !(f.field === field && f.value === value)), page: 1 };
}

export function pageCount(total: number, rows = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / rows));
}
