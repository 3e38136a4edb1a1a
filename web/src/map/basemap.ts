import type { Map as MapLibreMap } from 'maplibre-gl';
import { t } from '../i18n';

/** An online raster basemap, offered only when the operator configured one (BASEMAPS). */
export interface Basemap {
  name: string;
  /** XYZ template, e.g. https://tile.example/{z}/{x}/{y}.png */
  url: string;
}

const SOURCE = 'basemap';
const LAYER = 'basemap';

/** Parses "Name|https://host/{z}/{x}/{y}.png", the format of the BASEMAPS setting; null if malformed. */
export function parseBasemap(entry: string): Basemap | null {
  const [name, url] = entry.split('|').map((s) => s.trim());
  if (!name || !url || !/^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/.test(url)) return null;
  return { name, url };
}

/**
 * Shows one basemap (or none) under our layers. It goes right above the background layer, so the
 * mahalle layers and the deck.gl labels stay on top whatever was added after them.
 */
export function setBasemap(map: MapLibreMap, basemap: Basemap | null): void {
  if (map.getLayer(LAYER)) map.removeLayer(LAYER);
  if (map.getSource(SOURCE)) map.removeSource(SOURCE);
  if (!basemap) return;
  map.addSource(SOURCE, { type: 'raster', tiles: [basemap.url], tileSize: 256, maxzoom: 19, attribution: basemap.name });
  const layers = map.getStyle().layers;
  const firstAboveBackground = layers.find((l) => l.type !== 'background')?.id;
  map.addLayer({ id: LAYER, type: 'raster', source: SOURCE, paint: { 'raster-opacity': 0.85 } }, firstAboveBackground);
}

export interface BasemapSwitcher {
  /** Shows the basemap of that name, or the offline default for null or a name not configured. */
  show(name: string | null): void;
}

/**
 * The header's basemap selector: the offline default first, then every configured basemap. A choice
 * goes to `choose` (the map state, so the URL and saved maps keep it), which calls `show` back.
 */
export function basemapSwitcher(map: MapLibreMap, select: HTMLSelectElement, basemaps: readonly Basemap[], choose: (name: string | null) => void): BasemapSwitcher {
  const offline = new Option(t('basemapOffline'), '');
  offline.dataset.i18n = 'basemapOffline';
  select.replaceChildren(offline, ...basemaps.map((b) => new Option(b.name, b.name)));
  select.addEventListener('change', () => choose(select.value || null));
  let shown: Basemap | null = null;
  return {
    show(name) {
      const basemap = basemaps.find((b) => b.name === name) ?? null;
      select.value = basemap?.name ?? '';
      if (basemap === shown) return;
      shown = basemap;
      setBasemap(map, basemap);
    },
  };
}
