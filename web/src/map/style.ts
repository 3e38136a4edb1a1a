import type { StyleSpecification } from 'maplibre-gl';

/** Map colours, shared with the browser test (which checks the rendered pixels against them). */
export const COLOURS = {
  background: '#eef1f4',
  fill: '#8cb8d8',
  fillHover: '#f4a259',
  outline: '#1f4e79',
  label: '#142846',
  labelHalo: '#ffffff',
} as const;
export const FILL_OPACITY = 0.55;

/**
 * The default style needs no network at all: a plain background and no sources, glyphs or sprite.
 * Our own layers (mahalle fills, outlines, deck.gl labels) and an optional configured raster
 * basemap (see basemap.ts) are added on top of it.
 */
export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': COLOURS.background } }],
  };
}

/** '#rrggbb' → [r, g, b]. */
export function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
