import type { Map as MapLibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { applyLayerOrder, deckBeforeId, moveLayer, type LayerGroups } from '../src/layers/layerOrder';
import { defaultLayers, type LayerState } from '../src/state/mapState';
import { normalisedValue } from '../src/thematic/indicatorData';

/** The part of MapLibre's map that ordering uses: a list of layer ids, bottom first. */
function fakeMap(ids: string[]): MapLibreMap & { order: string[] } {
  const order = [...ids];
  return {
    order,
    getLayer: (id: string) => (order.includes(id) ? { id } : undefined),
    moveLayer: (id: string) => {
      order.splice(order.indexOf(id), 1);
      order.push(id);
    },
  } as unknown as MapLibreMap & { order: string[] };
}

const GROUPS: LayerGroups = { choropleth: ['ext', 'fill'], facilities: ['circles'], labels: [], requests: [], boundaries: ['selected', 'outline', 'plain'] };

describe('layer order', () => {
  it('puts the MapLibre layers in the panel’s order, each group’s order kept, the background left at the bottom', () => {
    const map = fakeMap(['background', 'outline', 'plain', 'fill', 'circles', 'ext', 'selected']);
    applyLayerOrder(map, defaultLayers(), GROUPS); // labels, facilities, requests, boundaries, choropleth (top first)
    expect(map.order).toEqual(['background', 'fill', 'ext', 'plain', 'outline', 'selected', 'circles']);
  });

  it('draws deck.gl’s labels under the lowest layer of the group above them, or on top', () => {
    const map = fakeMap(['fill', 'ext', 'plain', 'outline', 'selected', 'circles']);
    const layers = defaultLayers();
    expect(deckBeforeId(map, layers, GROUPS, 'labels')).toBeUndefined();
    // The requests (deck.gl too) go under the facilities' circles.
    expect(deckBeforeId(map, layers, GROUPS, 'requests')).toBe('circles');
    const moved = moveLayer(moveLayer(moveLayer(layers, 'labels', 1), 'labels', 1), 'labels', 1); // facilities, requests, boundaries, labels, choropleth
    expect(moved.map((l) => l.id)).toEqual(['facilities', 'requests', 'boundaries', 'labels', 'choropleth']);
    expect(deckBeforeId(map, moved, GROUPS, 'labels')).toBe('plain');
  });

  it('moves a layer one place, and not beyond either end', () => {
    const layers: LayerState[] = defaultLayers();
    expect(moveLayer(layers, 'labels', -1)).toEqual(layers);
    expect(moveLayer(layers, 'choropleth', 1)).toEqual(layers);
    expect(moveLayer(layers, 'choropleth', -1).map((l) => l.id)).toEqual(['labels', 'facilities', 'requests', 'choropleth', 'boundaries']);
  });
});

describe('normalisation', () => {
  it('divides by the area in km² or by the residents of the year, per 1,000', () => {
    expect(normalisedValue(50_000, 'km2', 2.5, undefined)).toBe(20_000);
    expect(normalisedValue(1_200, 'per1000', null, 80_000)).toBe(15);
    expect(normalisedValue(7, 'none', null, undefined)).toBe(7);
  });

  it('has no value without a figure or a positive divisor', () => {
    expect(normalisedValue(undefined, 'none', 1, 1)).toBeNull();
    expect(normalisedValue(Number.NaN, 'none', 1, 1)).toBeNull();
    expect(normalisedValue(10, 'km2', 0, 1)).toBeNull();
    expect(normalisedValue(10, 'per1000', 1, undefined)).toBeNull();
  });
});
