import { describe, expect, it } from 'vitest';
import { defaultState, LAYER_IDS, type MapState } from '../src/state/mapState';
import { openSavedMap, savedMapDocument, SAVED_MAP_VERSION, UnsupportedSavedMap } from '../src/state/savedMapMigrations';
import { decodeState, encodeState, searchWithState } from '../src/state/urlState';

const full: MapState = {
  view: { center: [28.84312, 41.04401], zoom: 13.25, bearing: -30, pitch: 45 },
  layers: [
    { id: 'facilities', visible: true, opacity: 0.6 },
    { id: 'requests', visible: true, opacity: 0.7 },
    { id: 'choropleth', visible: true, opacity: 0.85 },
    { id: 'boundaries', visible: false, opacity: 1 },
    { id: 'labels', visible: true, opacity: 1 },
  ],
  thematic: { indicator: 'unemployment_rate', year: 2021, normalisation: 'none', method: 'manual', classes: 5, scheme: 'RdBu', manual: [10, 11.5, 13], extrude: true },
  filters: { facility: ['park', 'school'], request_category: ['cleaning', 'lighting'], request_from: ['2023-03-01'] },
  selection: { layer: 'mahalle', ids: ['40159', '40169'] },
  area: { kind: 'polygon', ring: [[28.841, 41.04], [28.85, 41.04], [28.85, 41.05]] },
  requestMode: 'h3',
  basemap: 'OSM',
};

describe('the URL state codec', () => {
  it('round-trips a full state', () => {
    expect(decodeState(encodeState(full))).toEqual(full);
  });

  it('writes the canonical, readable form', () => {
    expect(searchWithState('', full)).toBe(
      '?v=28.84312,41.04401,13.25,-30,45&l=facilities~60,requests~70,choropleth~85,-boundaries,labels&i=unemployment_rate&y=2021'
      + '&c=manual.5.RdBu&m=10,11.5,13&x=1&f.facility=park,school&f.request_category=cleaning,lighting&f.request_from=2023-03-01'
      + '&s=mahalle:40159,40169&a=p:28.84100,41.04000;28.85000,41.04000;28.85000,41.05000&r=h3&b=OSM',
    );
  });

  it('round-trips the default state, and an empty query is the default state', () => {
    expect(decodeState(encodeState(defaultState()))).toEqual(defaultState());
    expect(decodeState('')).toEqual(defaultState());
    expect(decodeState('?capture=12&heading=90')).toEqual(defaultState());
  });

  it('a canonical URL decodes and encodes to itself, character for character', () => {
    const urls = [
      '?v=28.84300,41.04400,12.60,0,0&l=choropleth,facilities,labels,-requests,boundaries&i=pop_total&n=km2&c=jenks.7.YlOrRd',
      '?l=-choropleth,facilities~5,requests~40,labels,boundaries~0&i=library_members&y=2019&n=per1000&c=stddev.4.PuOr&x=1',
      searchWithState('', full),
    ];
    for (const url of urls) expect(searchWithState('', decodeState(url))).toBe(url);
  });

  it('keeps other features’ parameters', () => {
    const search = searchWithState('?capture=12&heading=90&c=old', full);
    expect(search.startsWith('?capture=12&heading=90&v=')).toBe(true);
    expect(new URLSearchParams(search).getAll('c')).toEqual(['manual.5.RdBu']);
  });

  it('reads percent-encoded URLs as well', () => {
    expect(decodeState(encodeState(full).toString())).toEqual(full);
  });

  it('falls back to defaults for nonsense and drops unknown layers, appending missing ones in their default place', () => {
    const state = decodeState('?v=999,abc,x&l=roads,labels,-labels,boundaries~250&i=DROP%20TABLE&y=20x&n=per_acre&c=kmeans.40.Jet&m=1,2&x=yes&f.Bad%20Name=a&f.facility=park,park,%3Cscript%3E&s=:1');
    const d = defaultState();
    expect(state.view).toBeNull();
    expect(state.layers.map((l) => l.id)).toEqual(['labels', 'facilities', 'requests', 'boundaries', 'choropleth']);
    expect(state.layers.find((l) => l.id === 'boundaries')!.opacity).toBe(1);
    expect(state.layers.find((l) => l.id === 'labels')!.visible).toBe(true);
    expect(state.thematic).toEqual({ ...d.thematic, normalisation: 'km2', classes: 9, manual: [] });
    expect(state.filters).toEqual({ facility: ['park'] });
    expect(state.selection).toBeNull();
    expect(new Set(state.layers.map((l) => l.id))).toEqual(new Set(LAYER_IDS));
  });

  it('round-trips a drawn circle and rounds a drawn area to what the URL keeps', () => {
    const circle: MapState = { ...defaultState(), area: { kind: 'circle', center: [28.843, 41.044], radius: 750 } };
    expect(searchWithState('', circle)).toContain('&a=c:28.84300,41.04400,750');
    expect(decodeState(searchWithState('', circle))).toEqual(circle);
    expect(decodeState('?a=c:28.8431234,41.0449876,749.6').area).toEqual({ kind: 'circle', center: [28.84312, 41.04499], radius: 750 });
    // The closing vertex and repeated neighbours are dropped.
    expect(decodeState('?a=p:28.84,41.04;28.85,41.04;28.85,41.04;28.85,41.05;28.84,41.04').area)
      .toEqual({ kind: 'polygon', ring: [[28.84, 41.04], [28.85, 41.04], [28.85, 41.05]] });
  });

  it('drops a drawn area that is not one: too few corners, out of range, a circle without or with too large a radius', () => {
    for (const a of ['p:28.84,41.04;28.85,41.04', 'p:28.84,41.04;28.85,41.04;28.84,41.04', 'p:28.84,41.04;200,41.04;28.85,41.05', 'p:28.84,x;1,2;3,4',
      'c:28.84,41.04', 'c:28.84,41.04,0', 'c:28.84,41.04,10001', 'x:1,2,3', '']) {
      expect(decodeState(`?a=${a}`).area).toBeNull();
    }
  });

  it('keeps a basemap name with Turkish letters and spaces, and drops names no BASEMAPS entry could have', () => {
    const state = { ...defaultState(), basemap: 'Uydu Görüntüsü' };
    const search = searchWithState('', state);
    expect(search).toContain('&b=Uydu+G%C3%B6r%C3%BCnt%C3%BCs%C3%BC');
    expect(decodeState(search)).toEqual(state);
    for (const bad of ['', '   ', 'a|b', 'x'.repeat(65), 'tab\there']) expect(decodeState(`?b=${encodeURIComponent(bad)}`).basemap, bad).toBeNull();
  });

  it('clamps classes to 3 … 9 and rounds the view to what the URL keeps', () => {
    expect(decodeState('?c=quantile.2.Blues').thematic.classes).toBe(3);
    expect(decodeState('?v=28.843123456,41.044987654,12.3456,370.4,99').view).toEqual({ center: [28.84312, 41.04499], zoom: 12.35, bearing: 10, pitch: 85 });
  });
});

describe('saved-map migrations', () => {
  // A map as version 1 stored it: visibility flags, a layer that has since gone ("districts"), no facilities layer yet.
  const v1 = {
    version: 1,
    center: [28.85, 41.03],
    zoom: 13,
    layers: { labels: true, choropleth: true, districts: true, boundaries: false },
    indicator: 'households',
    year: 2022,
    normalised: true,
    classification: { method: 'jenks', classes: 6, scheme: 'Purples' },
  };

  it('opens a version 1 map after the layer configuration changed', () => {
    const state = openSavedMap(v1);
    expect(state.view).toEqual({ center: [28.85, 41.03], zoom: 13, bearing: 0, pitch: 0 });
    // v1's drawing order, the gone layer dropped, the new facilities layer in its default place (hidden).
    expect(state.layers).toEqual([
      { id: 'labels', visible: true, opacity: 1 },
      { id: 'facilities', visible: false, opacity: 1 },
      { id: 'requests', visible: false, opacity: 1 },
      { id: 'boundaries', visible: false, opacity: 1 },
      { id: 'choropleth', visible: true, opacity: 1 },
    ]);
    expect(state.thematic).toEqual({ indicator: 'households', year: 2022, normalisation: 'km2', method: 'jenks', classes: 6, scheme: 'Purples', manual: [], extrude: false });
    expect(state.filters).toEqual({});
    expect(state.selection).toBeNull();
    expect(state.requestMode).toBe('heatmap');
    expect(state.basemap).toBeNull();
  });

  it('opens a version 2 map saved before the citizen-request layer: the layer hidden in its place, the heatmap display', () => {
    // The request layer and display only add to the state, so version 2 stays: normalising fills them in.
    const before = {
      version: 2,
      state: { ...full, layers: full.layers.filter((l) => l.id !== 'requests'), filters: { facility: ['park'] }, requestMode: undefined },
    };
    const state = openSavedMap(JSON.parse(JSON.stringify(before)));
    expect(state.layers.map((l) => [l.id, l.visible])).toEqual([['facilities', true], ['requests', false], ['choropleth', true], ['boundaries', false], ['labels', true]]);
    expect(state.requestMode).toBe('heatmap');
    expect(state.filters).toEqual({ facility: ['park'] });
  });

  it('reads the request display from the URL and ignores one it does not know', () => {
    expect(decodeState('?r=hexagon').requestMode).toBe('hexagon');
    expect(decodeState('?r=voronoi').requestMode).toBe('heatmap');
  });

  it('opens a version 2 map saved before the basemap was part of the state with the offline default', () => {
    const { basemap: _, ...before } = full;
    expect(openSavedMap({ version: 2, state: before })).toEqual({ ...full, area: null, basemap: null });
  });

  it('a v1 map without normalisation stays unnormalised', () => {
    expect(openSavedMap({ ...v1, normalised: false }).thematic.normalisation).toBe('none');
  });

  it('opens a version 2 map (before drawing) with no drawn area and everything else as saved', () => {
    const { area: _, ...v2State } = full;
    expect(openSavedMap({ version: 2, state: v2State })).toEqual({ ...full, area: null });
  });

  it('opens the current version as saved', () => {
    const doc = savedMapDocument(full);
    expect(doc.version).toBe(SAVED_MAP_VERSION);
    expect(openSavedMap(JSON.parse(JSON.stringify(doc)))).toEqual(full);
  });

  it('refuses a document without a version or from a later version', () => {
    expect(() => openSavedMap({ state: full })).toThrow(UnsupportedSavedMap);
    expect(() => openSavedMap({ version: SAVED_MAP_VERSION + 1, state: full })).toThrow(UnsupportedSavedMap);
    expect(() => openSavedMap(null)).toThrow(UnsupportedSavedMap);
  });
});
