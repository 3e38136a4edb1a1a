import { language } from '../i18n';
import { packageSearch } from './api';
import { datasetList } from './datasetList';
import { h, section } from './dom';
import { formatCount } from './format';
import { facetValueLabel } from './labels';
import { EMPTY_SEARCH, packageSearchParams, searchQueryString, withFilter } from './query';
import { searchForm } from './searchForm';
import type { PortalPage } from './page';
import { pt } from './strings';

const LIST_SIZE = 5;

/** The portal home: search box, figures, themes, the newest and the most downloaded datasets. */
export async function renderHome(): Promise<PortalPage> {
  const [all, newest, popular] = await Promise.all([
    packageSearch(packageSearchParams(EMPTY_SEARCH, 0)),
    packageSearch(packageSearchParams({ ...EMPTY_SEARCH, sort: 'date' }, LIST_SIZE)),
    packageSearch(packageSearchParams({ ...EMPTY_SEARCH, sort: 'downloads' }, LIST_SIZE)),
  ]);
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
        section('newest', pt('newest'), datasetList(newest.results, 'h3')),
        section('popular', pt('mostDownloaded'), datasetList(popular.results, 'h3')),
      ),
      h('p', {}, h('a', { href: '/portal/search', class: 'more-link' }, pt('allDatasets'))),
    ],
  };
}
