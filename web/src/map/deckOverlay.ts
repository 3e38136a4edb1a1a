/*
 * The map's one deck.gl overlay (MapboxOverlay, interleaved with MapLibre's layers): one WebGL
 * context and one render pass for every deck.gl layer — the mahalle labels and the citizen-request
 * layers alike. Each part owns a named slot of layers and replaces only its own.
 * Imported only by dynamically loaded modules, so deck.gl stays out of the initial chunk.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { LayersList } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface DeckOverlay {
  /**
   * Replaces the layers of one slot. `rank` is the slot's place in the layer panel (0 = top): deck.gl
   * layers under the same MapLibre layer (the same beforeId) draw in list order, so lower ranks go last.
   */
  setLayers(slot: string, layers: LayersList, rank: number): void;
  /** Called after every map frame deck.gl took part in. */
  onAfterRender(listener: () => void): void;
}

const overlays = new WeakMap<MapLibreMap, DeckOverlay>();

export function deckOverlay(map: MapLibreMap): DeckOverlay {
  const existing = overlays.get(map);
  if (existing) return existing;
  const slots = new Map<string, { layers: LayersList; rank: number }>();
  const listeners = new Set<() => void>();
  const overlay = new MapboxOverlay({ interleaved: true, layers: [], onAfterRender: () => listeners.forEach((listener) => listener()) });
  map.addControl(overlay);
  const created: DeckOverlay = {
    setLayers(slot, layers, rank) {
      slots.set(slot, { layers, rank });
      overlay.setProps({ layers: [...slots.values()].sort((a, b) => b.rank - a.rank).flatMap((s) => s.layers) });
    },
    onAfterRender(listener) {
      listeners.add(listener);
    },
  };
  overlays.set(map, created);
  return created;
}
