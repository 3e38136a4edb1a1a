/*
 * Saved maps carry a schema version. A map saved under an older version is brought up to date by one
 * migration function per version, then normalised like a URL (normaliseState), so a map saved today
 * still opens after the layer configuration changes: unknown layers are dropped, new ones take their
 * default place.
 *
 * Versions:
 *   1  { version: 1, center: [lon, lat], zoom, layers: { [id]: boolean }, indicator, year, normalised: boolean,
 *        classification: { method, classes, scheme } }   — visibility flags only, no order or opacity
 *   2  { version: 2, state }                                — the layer list with order and opacity, filters,
 *        selection, manual breaks, extrusion
 *   3  { version: 3, state: MapState }                      — a drawn selection area, `area` (the current one); fields added
 *        since (the basemap, the request display) take their default when absent, which needs no new version
 */
import { normaliseState, type MapState } from './mapState';

export const SAVED_MAP_VERSION = 3;

export interface SavedMapDocument {
  version: typeof SAVED_MAP_VERSION;
  state: MapState;
}

interface SavedMapV1 {
  version: 1;
  center?: [number, number];
  zoom?: number;
  layers?: Record<string, boolean>;
  indicator?: string;
  year?: number | null;
  normalised?: boolean;
  classification?: { method?: string; classes?: number; scheme?: string };
}

/** v1 → v2: the visibility flags become a layer list in the order v1 drew them; "normalised" meant per km². */
function v1ToV2(doc: SavedMapV1): { version: 2; state: unknown } {
  const V1_ORDER = ['labels', 'boundaries', 'choropleth'];
  const layers = Object.entries(doc.layers ?? {})
    .sort(([a], [b]) => (V1_ORDER.indexOf(a) + 1 || 99) - (V1_ORDER.indexOf(b) + 1 || 99))
    .map(([id, visible]) => ({ id, visible, opacity: 1 }));
  return {
    version: 2,
    state: {
      view: doc.center && doc.zoom !== undefined ? { center: doc.center, zoom: doc.zoom, bearing: 0, pitch: 0 } : null,
      layers,
      thematic: { ...doc.classification, indicator: doc.indicator, year: doc.year ?? null, normalisation: doc.normalised ? 'km2' : 'none' },
      filters: {},
      selection: null,
    },
  };
}

/** v2 → v3: maps saved before drawing existed have no drawn area; the rest is unchanged. */
function v2ToV3(doc: { version: 2; state?: Record<string, unknown> }): { version: 3; state: unknown } {
  return { version: 3, state: { ...doc.state, area: null } };
}

/** One function per version: MIGRATIONS[n] turns a version-n document into version n + 1. */
const MIGRATIONS: Record<number, (doc: never) => { version: number }> = {
  1: v1ToV2,
  2: v2ToV3,
};

export class UnsupportedSavedMap extends Error {}

/** Any stored saved-map document → the current state. Throws UnsupportedSavedMap for a version from the future or none. */
export function openSavedMap(stored: unknown): MapState {
  let doc = stored as { version?: unknown };
  if (!doc || typeof doc !== 'object' || typeof doc.version !== 'number' || !Number.isInteger(doc.version)) throw new UnsupportedSavedMap('the saved map has no schema version');
  if (doc.version > SAVED_MAP_VERSION || doc.version < 1) throw new UnsupportedSavedMap(`schema version ${doc.version} is not known to this version of the map`);
  while ((doc.version as number) < SAVED_MAP_VERSION) doc = MIGRATIONS[doc.version as number]!(doc as never);
  return normaliseState((doc as { state?: unknown }).state);
}

export function savedMapDocument(state: MapState): SavedMapDocument {
  return { version: SAVED_MAP_VERSION, state: normaliseState(state) };
}
