/*
 * Test hooks, read by web/test/map.browser.test.ts and harmless otherwise:
 * - <html data-map-state="idle"> once the mahalle are drawn, the labels drawn and the map went idle
 *   ("error" if loading failed; absent while loading), so a test waits on an attribute, not a clock;
 *   after a change of the map state (layer panel, saved map) it is "busy" until the change is drawn;
 * - <html data-boundaries-drawn-ms="…">: milliseconds from navigation to the first frame with the mahalle
 *   boundaries drawn (the benchmark's first-map figure; the labels and the thematic map come after);
 * - window.__kbs = { map, labels(), labelAnchors() }: the MapLibre map, the label texts currently
 *   given to deck.gl's TextLayer, and those labels with their anchors ([lon, lat]);
 *   requests(): the citizen-request layer's access, display and the number of points given to deck.gl.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Label } from './map/labels';
import type { MapState } from './state/mapState';

export type MapLoadState = 'idle' | 'busy' | 'error';

export interface KbsTestHooks {
  map: MapLibreMap;
  labels(): string[];
  labelAnchors(): Label[];
  /** The state the URL and saved maps hold. */
  mapState?(): MapState;
  requests?(): { access: string; mode: string; shown: number | null };
}

declare global {
  interface Window {
    __kbs?: KbsTestHooks;
  }
}

export function exposeTestHooks(hooks: KbsTestHooks): void {
  window.__kbs = hooks;
}

export function setMapState(state: MapLoadState): void {
  document.documentElement.dataset.mapState = state;
}

/** Records when the first frame with the mahalle boundaries was drawn, relative to navigation start. */
export function markBoundariesDrawn(): void {
  document.documentElement.dataset.boundariesDrawnMs = String(Math.round(performance.now()));
}
