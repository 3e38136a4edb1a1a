import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDelta } from '../src/portal/format';
import { featureBounds } from '../src/portal/mapPreview';
import { routeOf } from '../src/portal/page';
import {
  CKAN_SORT,
  EMPTY_SEARCH,
  FACET_FIELDS,
  packageSearchParams,
  pageCount,
  parseSearch,
  searchQueryString,
  solrPhrase,
  withFilter,
  withoutFilter,
  type SearchState,
} from '../src/portal/query';

describe('the search page URL', () => {
  it('reads query, facet filters, sort and page, and ignores what it does not know', () => {
    const state = parseSearch(new URLSearchParams('q=+bagcilar+nufus+&groups=regi&res_format=CSV&groups=soci&sort=downloads&page=3&evil=1&groups=regi'));
    expect(state).toEqual({
      q: 'bagcilar nufus',
      filters: [{ field: 'groups', value: 'regi' }, { field: 'res_format', value: 'CSV' }, { field: 'groups', value: 'soci' }],
      sort: 'downloads',
      page: 3,
    });
    expect(parseSearch(new URLSearchParams('sort=random&page=-2'))).toEqual(EMPTY_SEARCH);
    expect(parseSearch(new URLSearchParams('page=2.5')).page).toBe(1);
    expect(parseSearch(new URLSearchParams(`q=${'a'.repeat(500)}`)).q).toHaveLength(200);
  });

  it('writes the defaults out, so that a search has one URL', () => {
    expect(searchQueryString(EMPTY_SEARCH)).toBe('');
    expect(searchQueryString({ q: 'Bağcılar nüfus', filters: [{ field: 'tags', value: 'sınır' }], sort: 'date', page: 2 })).toBe(
      '?q=Ba%C4%9Fc%C4%B1lar+n%C3%BCfus&tags=s%C4%B1n%C4%B1r&sort=date&page=2',
    );
  });

  it('round-trips any state through the URL', () => {
    const state = fc.record({
      q: fc.string({ maxLength: 40 }).map((s) => s.trim()),
      filters: fc.uniqueArray(fc.record({ field: fc.constantFrom(...FACET_FIELDS), value: fc.string({ minLength: 1, maxLength: 12 }) }), {
        selector: (f) => `${f.field}\u0000${f.value}`,
        maxLength: 4,
      }),
      sort: fc.constantFrom('relevance' as const, 'date' as const, 'downloads' as const),
      page: fc.integer({ min: 1, max: 500 }),
    });
    fc.assert(fc.property(state, (s: SearchState) => {
      expect(parseSearch(new URLSearchParams(searchQueryString(s)))).toEqual(s);
    }));
  });

  it('adds a filter once and starts again at page 1; removing takes exactly that value', () => {
    const start: SearchState = { ...EMPTY_SEARCH, page: 4 };
    const once = withFilter(start, 'groups', 'regi');
    expect(once).toEqual({ ...EMPTY_SEARCH, filters: [{ field: 'groups', value: 'regi' }], page: 1 });
    expect(withFilter(once, 'groups', 'regi')).toBe(once);
    const two = withFilter(once, 'tags', 'nüfus');
    expect(withoutFilter(two, 'groups', 'regi').filters).toEqual([{ field: 'tags', value: 'nüfus' }]);
  });
});

describe('the package_search request', () => {
  it('sends q, fq as quoted Solr phrases, facet.field as a JSON list, sort, rows and start', () => {
    const params = packageSearchParams({ q: 'bagcilar nufus', filters: [{ field: 'groups', value: 'regi' }, { field: 'tags', value: 'a "b" \\c' }], sort: 'downloads', page: 3 }, 10);
    expect(params.get('q')).toBe('bagcilar nufus');
    expect(params.get('fq')).toBe('groups:"regi" AND tags:"a \\"b\\" \\\\c"');
    expect(JSON.parse(params.get('facet.field')!)).toEqual([...FACET_FIELDS]);
    expect(params.get('sort')).toBe(CKAN_SORT.downloads);
    expect(params.get('rows')).toBe('10');
    expect(params.get('start')).toBe('20');
  });

  it('leaves q and fq out when there is nothing to ask, and uses CKAN’s default relevance order', () => {
    const params = packageSearchParams(EMPTY_SEARCH, 0);
    expect(params.has('q')).toBe(false);
    expect(params.has('fq')).toBe(false);
    expect(params.get('sort')).toBe('score desc, metadata_modified desc');
    expect(params.get('start')).toBe('0');
  });

  it('escapes a phrase so that it cannot end early', () => {
    expect(solrPhrase('x" OR id:"y')).toBe('"x\\" OR id:\\"y"');
  });

  it('counts pages, at least one', () => {
    expect([pageCount(0), pageCount(1), pageCount(10), pageCount(11), pageCount(5001)]).toEqual([1, 1, 1, 2, 501]);
  });
});

describe('formatting', () => {
  it('shows sizes in binary steps, with the language’s decimal mark', () => {
    expect(formatBytes(0, 'tr')).toBe('0 B');
    expect(formatBytes(1023, 'en')).toBe('1,023 B');
    expect(formatBytes(1536, 'tr')).toBe('1,5 KB');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5 MB');
    expect(formatBytes(150.4 * 1024 * 1024, 'en')).toBe('150 MB');
    expect(formatBytes(3.25 * 1024 ** 4, 'tr')).toBe('3,3 TB');
    expect(formatBytes(-1, 'tr')).toBe('');
  });

  it('reads CKAN’s naive timestamps as UTC and shows Istanbul dates', () => {
    // 22:30 UTC on 31 December is already 1 January in Istanbul (UTC+3).
    expect(formatDate('2025-12-31T22:30:00.000000', 'en')).toBe('1 January 2026');
    expect(formatDate('2025-12-31T22:30:00Z', 'tr')).toBe('1 Ocak 2026');
    expect(formatDate('not a date', 'tr')).toBe('not a date');
  });

  it('signs differences with a real minus', () => {
    expect([formatDelta(1200, 'tr'), formatDelta(-3, 'en'), formatDelta(0, 'en')]).toEqual(['+1.200', '−3', '0']);
  });
});

describe('portal routes', () => {
  it('maps paths to pages, with or without a trailing slash', () => {
    expect(routeOf('/portal')).toEqual({ page: 'home' });
    expect(routeOf('/portal/')).toEqual({ page: 'home' });
    expect(routeOf('/portal/search')).toEqual({ page: 'search' });
    expect(routeOf('/portal/datasets/neighbourhoods')).toEqual({ page: 'dataset', id: 'neighbourhoods' });
    expect(routeOf('/portal/datasets/a%20b/')).toEqual({ page: 'dataset', id: 'a b' });
    expect(routeOf('/portal/datasets/%E0%A4%A')).toEqual({ page: 'unknown' });
    expect(routeOf('/portal/datasets/a/b')).toEqual({ page: 'unknown' });
  });
});

describe('the map preview extent', () => {
  it('spans every position of every geometry, and is null for no geometry', () => {
    expect(featureBounds({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [28.8, 41.05] } },
      { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[[[28.82, 41.0], [28.9, 41.0], [28.9, 41.1], [28.82, 41.0]]]] } },
    ] })).toEqual([[28.8, 41.0], [28.9, 41.1]]);
    expect(featureBounds({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: null as never }] })).toBeNull();
  });
});
