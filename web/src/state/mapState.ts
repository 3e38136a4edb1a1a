/*
 * The whole state of the analyst map as plain data: what the URL holds (urlState.ts) and what a saved
 * map stores (savedMapMigrations.ts). `normaliseState` is the one place that turns anything decoded
 * into a valid state, so a URL or a saved map that names a layer we no longer have still opens.
 */
import { CLASSIFICATION_METHODS, clampClasses, type ClassificationMethod } from '../thematic/classification';
import { DEFAULT_SCHEME, isScheme, type SchemeName } from '../thematic/schemes';

/** Layers of the layer panel, top first by default. Others add theirs here (requests, twin captures). */
export const LAYER_IDS = ['labels', 'facilities', 'requests', 'boundaries', 'choropleth'] as const;
export type LayerId = (typeof LAYER_IDS)[number];
/** Layers hidden until turned on. */
const HIDDEN_BY_DEFAULT: readonly LayerId[] = ['facilities', 'requests'];

export const NORMALISATIONS = ['none', 'km2', 'per1000'] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];

/** How the citizen-request layer aggregates its points; the first is the default. */
export const REQUEST_MODES = ['heatmap', 'hexagon', 'h3'] as const;
export type RequestMode = (typeof REQUEST_MODES)[number];

export interface LayerState {
  id: LayerId;
  visible: boolean;
  /** 0 … 1, in steps of 0.01. */
  opacity: number;
}

export interface View {
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

export interface ThematicState {
  indicator: string;
  /** null: the latest year that has values. */
  year: number | null;
  normalisation: Normalisation;
  method: ClassificationMethod;
  classes: number;
  scheme: SchemeName;
  /** Upper bounds for the manual method. */
  manual: number[];
  extrude: boolean;
}

export interface Selection {
  layer: string;
  ids: string[];
}

/**
 * An area drawn on the map for its statistics: a polygon's open ring (the closing vertex implied) or a
 * circle of a radius in metres around a centre; positions [lon, lat] to 5 decimals (about 1 m).
 */
export type DrawnArea =
  | { kind: 'polygon'; ring: [number, number][] }
  | { kind: 'circle'; center: [number, number]; radius: number };

/** Bounds that keep a link short and the API's work small (its own limit is about 20 km across). */
export const MAX_AREA_VERTICES = 500;
export const MAX_CIRCLE_RADIUS = 10_000;

export interface MapState {
  /** null: fit the district. */
  view: View | null;
  /** Top first. */
  layers: LayerState[];
  thematic: ThematicState;
  /** Filter name → allowed values (e.g. facility → [school, park]); absent = no filter. */
  filters: Record<string, string[]>;
  selection: Selection | null;
  /** The drawn selection area whose statistics the map shows. */
  area: DrawnArea | null;
  requestMode: RequestMode;
  /** A configured basemap's name (BASEMAPS); null: the offline default. */
  basemap: string | null;
}

/** Population density (residents per km²): what `/` shows. */
export const DEFAULT_THEMATIC: ThematicState = {
  indicator: 'pop_total',
  year: null,
  normalisation: 'km2',
  method: 'quantile',
  classes: 5,
  scheme: DEFAULT_SCHEME,
  manual: [],
  extrude: false,
};

export function defaultLayers(): LayerState[] {
  return LAYER_IDS.map((id) => ({ id, visible: !HIDDEN_BY_DEFAULT.includes(id), opacity: 1 }));
}

export function defaultState(): MapState {
  return { view: null, layers: defaultLayers(), thematic: { ...DEFAULT_THEMATIC, manual: [] }, filters: {}, selection: null, area: null, requestMode: REQUEST_MODES[0], basemap: null };
}

const CODE = /^[a-z][a-z0-9_]{0,62}$/;
const round = (value: number, decimals: number) => Number(value.toFixed(decimals));
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function isLayerId(id: unknown): id is LayerId {
  return (LAYER_IDS as readonly unknown[]).includes(id);
}

/** Rounds a view to what the URL keeps: 5 decimals of a degree (about 1 m), zoom to 0.01, whole degrees. */
export function normaliseView(view: unknown): View | null {
  const v = view as Partial<View> | null | undefined;
  if (!v || !Array.isArray(v.center) || !finite(v.center[0]) || !finite(v.center[1]) || !finite(v.zoom)) return null;
  const [lon, lat] = v.center;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 85) return null;
  return {
    center: [round(lon, 5), round(lat, 5)],
    zoom: round(Math.min(22, Math.max(0, v.zoom)), 2),
    bearing: finite(v.bearing) ? Math.round(((v.bearing % 360) + 540) % 360) - 180 : 0,
    pitch: finite(v.pitch) ? Math.round(Math.min(85, Math.max(0, v.pitch))) : 0,
  };
}

/** Known layers in the order given, each once; layers missing from the list keep their default place and state. */
export function normaliseLayers(layers: unknown): LayerState[] {
  const given = (Array.isArray(layers) ? layers : []) as Partial<LayerState>[];
  const seen = new Set<LayerId>();
  const result: LayerState[] = [];
  for (const l of given) {
    if (!l || !isLayerId(l.id) || seen.has(l.id)) continue;
    seen.add(l.id);
    result.push({ id: l.id, visible: l.visible !== false, opacity: finite(l.opacity) ? round(Math.min(1, Math.max(0, l.opacity)), 2) : 1 });
  }
  for (const [index, layer] of defaultLayers().entries()) {
    if (seen.has(layer.id)) continue;
    // A new layer goes where it is by default: before the first layer that follows it by default.
    const after = LAYER_IDS.slice(index + 1);
    const at = result.findIndex((l) => after.includes(l.id));
    result.splice(at < 0 ? result.length : at, 0, layer);
  }
  return result;
}

export function normaliseThematic(thematic: unknown): ThematicState {
  const t = (thematic ?? {}) as Partial<ThematicState>;
  const method = (CLASSIFICATION_METHODS as readonly unknown[]).includes(t.method) ? (t.method as ClassificationMethod) : DEFAULT_THEMATIC.method;
  const manual = Array.isArray(t.manual) ? [...new Set(t.manual.filter(finite))].sort((a, b) => a - b).slice(0, 8) : [];
  return {
    indicator: typeof t.indicator === 'string' && CODE.test(t.indicator) ? t.indicator : DEFAULT_THEMATIC.indicator,
    year: finite(t.year) && Number.isInteger(t.year) && t.year >= 1900 && t.year <= 2100 ? t.year : null,
    normalisation: (NORMALISATIONS as readonly unknown[]).includes(t.normalisation) ? (t.normalisation as Normalisation) : DEFAULT_THEMATIC.normalisation,
    method,
    classes: finite(t.classes) ? clampClasses(t.classes) : DEFAULT_THEMATIC.classes,
    scheme: typeof t.scheme === 'string' && isScheme(t.scheme) ? t.scheme : DEFAULT_THEMATIC.scheme,
    manual: method === 'manual' ? manual : [],
    extrude: t.extrude === true,
  };
}

const VALUE = /^[\p{L}\p{N}_.:-]{1,64}$/u;

export function normaliseFilters(filters: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!filters || typeof filters !== 'object') return result;
  for (const name of Object.keys(filters).sort()) {
    const values = (filters as Record<string, unknown>)[name];
    if (!CODE.test(name) || !Array.isArray(values)) continue;
    const clean = [...new Set(values.filter((v): v is string => typeof v === 'string' && VALUE.test(v)))].sort();
    result[name] = clean;
  }
  return result;
}

export function normaliseSelection(selection: unknown): Selection | null {
  const s = selection as Partial<Selection> | null | undefined;
  if (!s || typeof s.layer !== 'string' || !CODE.test(s.layer) || !Array.isArray(s.ids)) return null;
  const ids = [...new Set(s.ids.filter((v): v is string => typeof v === 'string' && VALUE.test(v)))];
  return ids.length ? { layer: s.layer, ids } : null;
}

function position(p: unknown): [number, number] | null {
  if (!Array.isArray(p) || !finite(p[0]) || !finite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 85) return null;
  return [round(p[0], 5), round(p[1], 5)];
}

/** A polygon needs three distinct corners; repeated neighbours and the closing vertex are dropped. */
export function normaliseArea(area: unknown): DrawnArea | null {
  const a = area as Partial<{ kind: string; ring: unknown; center: unknown; radius: unknown }> | null | undefined;
  if (!a) return null;
  if (a.kind === 'circle') {
    const center = position(a.center);
    if (!center || !finite(a.radius)) return null;
    const radius = Math.round(a.radius);
    return radius >= 1 && radius <= MAX_CIRCLE_RADIUS ? { kind: 'circle', center, radius } : null;
  }
  if (a.kind !== 'polygon' || !Array.isArray(a.ring)) return null;
  const ring: [number, number][] = [];
  for (const raw of a.ring) {
    const p = position(raw);
    if (!p) return null;
    const last = ring[ring.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
  }
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (ring.length > 1 && first![0] === last![0] && first![1] === last![1]) ring.pop();
  const distinct = new Set(ring.map((p) => p.join(','))).size;
  return distinct >= 3 && ring.length <= MAX_AREA_VERTICES ? { kind: 'polygon', ring } : null;
}

/** A basemap name as the BASEMAPS setting gives it: printable, at most 64 characters. */
export function normaliseBasemap(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  const trimmed = name.trim();
  return trimmed && trimmed.length <= 64 && !/[\p{Cc}|]/u.test(trimmed) ? trimmed : null;
}

export function normaliseState(state: unknown): MapState {
  const s = (state ?? {}) as Partial<MapState>;
  return {
    view: normaliseView(s.view),
    layers: normaliseLayers(s.layers),
    thematic: normaliseThematic(s.thematic),
    filters: normaliseFilters(s.filters),
    selection: normaliseSelection(s.selection),
    area: normaliseArea(s.area),
    requestMode: (REQUEST_MODES as readonly unknown[]).includes(s.requestMode) ? s.requestMode! : REQUEST_MODES[0],
    basemap: normaliseBasemap(s.basemap),
  };
}
