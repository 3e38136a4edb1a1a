/*
 * The layer panel's layers on the map: which MapLibre layers make up each panel layer, and putting them
 * in the panel's order. New kinds of layers (citizen requests, twin captures) add an entry to
 * LAYER_IDS (state/mapState.ts) and a group here; deck.gl layers take a `beforeId` instead.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerId, LayerState } from '../state/mapState';

/** A panel layer's MapLibre layers, top first. An empty list: drawn by deck.gl (see `deckBeforeId`). */
export type LayerGroups = Record<LayerId, readonly string[]>;

/** Moves the MapLibre layers into the panel's order (top first), each group's own order kept. */
export function applyLayerOrder(map: MapLibreMap, layers: readonly LayerState[], groups: LayerGroups): void {
  for (const layer of [...layers].reverse()) {
    for (const id of [...groups[layer.id]].reverse()) if (map.getLayer(id)) map.moveLayer(id);
  }
}

/** For a deck.gl layer in the panel: the MapLibre layer to draw under (the lowest layer of the nearest group above it); undefined = on top. */
export function deckBeforeId(map: MapLibreMap, layers: readonly LayerState[], groups: LayerGroups, id: LayerId): string | undefined {
  const index = layers.findIndex((l) => l.id === id);
  for (let i = index - 1; i >= 0; i--) {
    const ids = groups[layers[i]!.id].filter((x) => map.getLayer(x));
    if (ids.length) return ids[ids.length - 1];
  }
  return undefined;
}

/** Moves a layer one place up (-1) or down (+1) in a top-first list; the same list when it cannot move. */
export function moveLayer(layers: readonly LayerState[], id: LayerId, by: -1 | 1): LayerState[] {
  const from = layers.findIndex((l) => l.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= layers.length) return [...layers];
  const result = [...layers];
  [result[from], result[to]] = [result[to]!, result[from]!];
  return result;
}
