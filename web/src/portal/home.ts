import { language } from '../i18n';
import { packageSearch } from './api';
import { datasetList } from './datasetList';
import { h, section } from './dom';
import { formatCount } from './format';
import { facetValueLabel } from './labels';
import { EMPTY_SEARCH, packageSearchParams, searchQueryString, withFilter, type SearchState } from './query';
import { searchForm } from './searchForm';
import type { PortalPage } from './page';
import { pt } from './strings';

const LIST_SIZE = 5;

/** The portal home: search box, figures, themes, the newest and the most downloaded datasets. */
export async function renderHome(): Promise<PortalPage> {
  // The figures must come; a list that fails is left out rather than taking the page with it.
  const list = (sort: SearchState['sort']) =>
    packageSearch(packageSearchParams({ ...EMPTY_SEARCH, sort }, LIST_SIZE)).catch((error: unknown) => {
      console.warn(error);
      return null;
    });
  const [all, newest, popular] = await Promise.all([packageSearch(packageSearchParams(EMPTY_SEARCH, 0)), list('date'), list('downloads')]);
  const lang = language();
  const facetSize = (field: string) => all.search_facets[field]?.items.length ?? 0;
  const stat = (value: number, label: string) => h('li', { class: 'stat' }, h('span', { class: 'stat-value' }, formatCount(value, lang)), ' ', h('span', { class: 'stat-label' }, label));
  const themes = all.search_facets.groups?.items ?? [];
  return {
    title: pt('portalTitle'),
    content: [
      h('h1', {}, pt('portalTitle')),
      h('p', { class: 'lead' }, pt('homeIntro')),
      searchForm(''),
      section(
        'figures',
        pt('figures'),
        h(
          'ul',
          { class: 'stats' },
          stat(all.count, pt('statDatasets')),
          stat(facetSize('organization'), pt('statDepartments')),
          stat(facetSize('groups'), pt('statThemes')),
          stat(facetSize('res_format'), pt('statFormats')),
        ),
      ),
      section(
        'themes',
        pt('themes'),
        h(
          'ul',
          { class: 'theme-list' },
          ...themes.map((item) =>
            h(
              'li',
              {},
              h('a', { href: `/portal/search${searchQueryString(withFilter(EMPTY_SEARCH, 'groups', item.name))}` }, facetValueLabel('groups', item), ' ', h('span', { class: 'count' }, `(${formatCount(item.count, lang)})`)),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'home-columns' },
        newest ? section('newest', pt('newest'), datasetList(newest.results, 'h3')) : null,
        popular ? section('popular', pt('mostDownloaded'), datasetList(popular.results, 'h3')) : null,
      ),
      h('p', {}, h('a', { href: '/portal/search', class: 'more-link' }, pt('allDatasets'))),
    ],
  };
}
