import { language } from '../i18n';
import { packageSearch, type CkanFacet } from './api';
import { datasetList } from './datasetList';
import { h, section } from './dom';
import { formatCount } from './format';
import { facetValueLabel } from './labels';
import {
  FACET_FIELDS,
  packageSearchParams,
  pageCount,
  parseSearch,
  searchQueryString,
  SORTS,
  withFilter,
  withoutFilter,
  type FacetField,
  type SearchState,
} from './query';
import { searchForm } from './searchForm';
import type { PortalPage } from './page';
import { pt, type PortalKey } from './strings';

const SORT_LABEL: Record<SearchState['sort'], PortalKey> = { relevance: 'sortRelevance', date: 'sortDate', downloads: 'sortDownloads' };

const href = (state: SearchState) => `/portal/search${searchQueryString(state)}`;

function facetSection(field: FacetField, facet: CkanFacet, state: SearchState): HTMLElement | null {
  if (facet.items.length === 0) return null;
  const lang = language();
  const headingId = `facet-${field}`;
  return h(
    'section',
    { class: 'facet', 'aria-labelledby': headingId, 'data-facet': field },
    h('h3', { id: headingId }, pt(`facet_${field}` as PortalKey)),
    h(
      'ul',
      {},
      ...facet.items.map((item) => {
        const chosen = state.filters.some((f) => f.field === field && f.value === item.name);
        const target = chosen ? withoutFilter(state, field, item.name) : withFilter(state, field, item.name);
        return h(
          'li',
          {},
          h(
            'a',
            { href: href(target), 'data-value': item.name, 'aria-current': chosen ? 'true' : null, class: chosen ? 'chosen' : null },
            facetValueLabel(field, item),
            ' ',
            h('span', { class: 'count' }, `(${formatCount(item.count, lang)})`),
          ),
        );
      }),
    ),
  );
}

/** The search results page: query, facets with counts, sorting and paging, all held in the URL. */
export async function renderSearch(): Promise<PortalPage> {
  const state = parseSearch(new URLSearchParams(location.search));
  const result = await packageSearch(packageSearchParams(state));
  const lang = language();
  const pages = pageCount(result.count);
  const facetLabel = (field: FacetField, value: string) => {
    const item = result.search_facets[field]?.items.find((i) => i.name === value);
    return item ? facetValueLabel(field, item) : value;
  };

  // A form with a button, not a select that navigates on change: arrowing through the options must not
  // load a page at each step (WCAG 3.2.2). The query and filters ride along; paging starts again.
  const sortForm = h(
    'form',
    { class: 'sort', method: 'get', action: '/portal/search' },
    state.q ? h('input', { type: 'hidden', name: 'q', value: state.q }) : null,
    ...state.filters.map((f) => h('input', { type: 'hidden', name: f.field, value: f.value })),
    h('label', { for: 'search-sort' }, pt('sortBy')),
    ' ',
    h('select', { id: 'search-sort', name: 'sort' }, ...SORTS.map((s) => h('option', { value: s, selected: s === state.sort }, pt(SORT_LABEL[s])))),
    ' ',
    h('button', { type: 'submit', class: 'secondary-button' }, pt('applySort')),
  );

  const countText = state.q ? pt('resultCountFor', { n: formatCount(result.count, lang), q: state.q }) : pt('resultCount', { n: formatCount(result.count, lang) });
  // On a phone the facets fold away under their heading, so that the results are not a long scroll away.
  const wide = typeof matchMedia === 'function' && matchMedia('(min-width: 721px)').matches;
  const facetBody = h(
    'div',
    { class: 'facet-body' },
    state.filters.length
      ? h(
          'ul',
          { class: 'chosen-filters' },
          ...state.filters.map((f) =>
            h('li', {}, h('a', { href: href(withoutFilter(state, f.field, f.value)), class: 'remove-filter' }, pt('removeFilter', { name: facetLabel(f.field, f.value) }))),
          ),
          h('li', {}, h('a', { href: href({ ...state, filters: [], page: 1 }) }, pt('clearFilters'))),
        )
      : null,
    ...FACET_FIELDS.map((field) => (result.search_facets[field] ? facetSection(field, result.search_facets[field], state) : null)),
  );
  const filters = h(
    'aside',
    { class: 'facets', 'aria-labelledby': 'filters-heading' },
    h('details', { open: wide || state.filters.length > 0 }, h('summary', {}, h('h2', { id: 'filters-heading' }, pt('filters'))), facetBody),
  );

  const paging =
    pages > 1
      ? h(
          'nav',
          { class: 'paging', 'aria-label': pt('paging') },
          state.page > 1 ? h('a', { href: href({ ...state, page: state.page - 1 }), rel: 'prev' }, pt('previousPage')) : null,
          h('span', { 'aria-current': 'page' }, pt('pageOf', { page: state.page, pages })),
          state.page < pages ? h('a', { href: href({ ...state, page: state.page + 1 }), rel: 'next' }, pt('nextPage')) : null,
        )
      : null;

  const results = section(
    'results',
    pt('results'),
    h('p', { id: 'result-count', role: 'status' }, countText),
    sortForm,
    result.results.length ? datasetList(result.results, 'h3', { description: true }) : h('p', { class: 'no-results' }, pt('noResults')),
    paging,
  );

  // A new search keeps the chosen sort; filters start afresh, as on CKAN's own pages.
  const keep: Record<string, string> = state.sort !== 'relevance' ? { sort: state.sort } : {};
  return {
    title: state.q ? `${state.q} — ${pt('searchTitle')}` : pt('searchTitle'),
    content: [h('h1', {}, pt('searchTitle')), searchForm(state.q, keep), h('div', { class: 'search-layout' }, filters, results)],
  };
}
