import type { StyleSpecification } from 'maplibre-gl';

export const BACKGROUND_COLOUR = '#eef1f4';

/** The default style needs no network: a plain background; our layers come on top. */
export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } }],
  };
}
