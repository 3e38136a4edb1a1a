/*
 * The map's state in the URL's query string, so that a link reproduces the map. Pure functions:
 * `encodeState` writes the canonical form (fixed decimals, fixed parameter order), `decodeState` reads
 * any form and normalises it, so decode(encode(s)) = s and encode(decode(url)) = url for canonical URLs.
 *
 *   v   view: lon,lat,zoom,bearing,pitch          28.84300,41.04400,12.60,0,0
 *   l   layers, top first; "-" hidden, "~NN" opacity in percent   choropleth~80,facilities,labels,-boundaries
 *   i   indicator code; y year (absent: the latest); n normalisation (km2, per1000; absent: none)
 *   c   classification: method.classes.scheme     jenks.5.YlGnBu; m manual upper bounds 10,20.5,30
 *   x   1 = 3D extrusion
 *   f.NAME  a filter's allowed values              f.facility=park,school
 *   s   selection: layer:id,id                     s=mahalle:40159
 *   a   drawn area: polygon p:lon,lat;lon,lat;…    a=p:28.84100,41.04000;28.85000,41.04000;28.85000,41.05000
 *       or circle c:lon,lat,radius in metres       a=c:28.84300,41.04400,750
 *   r   citizen-request display: hexagon, h3 (absent: heatmap)
 *   b   a configured basemap's name (absent: the offline default)   b=OSM
 *
 * Other query parameters (another feature's) are kept as they are.
 */
import { CLASSIFICATION_METHODS, type ClassificationMethod } from '../thematic/classification';
import { normaliseState, type DrawnArea, REQUEST_MODES, type LayerState, type MapState } from './mapState';

const OWN = new Set(['v', 'l', 'i', 'y', 'n', 'c', 'm', 'x', 's', 'a', 'r', 'b']);
const isOwn = (key: string) => OWN.has(key) || key.startsWith('f.');

function encodeLayer(l: LayerState): string {
  const opacity = Math.round(l.opacity * 100);
  return `${l.visible ? '' : '-'}${l.id}${opacity === 100 ? '' : `~${opacity}`}`;
}

function decodeLayer(text: string): Partial<LayerState> {
  const match = /^(-?)([a-z][a-z0-9_]*)(?:~(\d{1,3}))?$/.exec(text);
  if (!match) return {};
  return { id: match[2] as LayerState['id'], visible: match[1] !== '-', opacity: match[3] === undefined ? 1 : Number(match[3]) / 100 };
}

const lonLat = (p: [number, number]) => `${p[0].toFixed(5)},${p[1].toFixed(5)}`;

function encodeArea(area: DrawnArea): string {
  return area.kind === 'circle' ? `c:${lonLat(area.center)},${area.radius}` : `p:${area.ring.map(lonLat).join(';')}`;
}

function decodeArea(text: string | null): unknown {
  if (text?.startsWith('c:')) {
    const [lon, lat, radius] = numbers(text.slice(2));
    return { kind: 'circle', center: [lon, lat], radius };
  }
  if (text?.startsWith('p:')) return { kind: 'polygon', ring: text.slice(2).split(';').map(numbers) };
  return null;
}

const numbers = (text: string | null) => (text ?? '').split(',').filter((s) => s.trim() !== '').map(Number);

/** The state's own query parameters, canonical order and form. */
export function encodeState(input: MapState): URLSearchParams {
  const state = normaliseState(input);
  const q = new URLSearchParams();
  const { view, thematic: t } = state;
  if (view) q.set('v', [view.center[0].toFixed(5), view.center[1].toFixed(5), view.zoom.toFixed(2), String(view.bearing), String(view.pitch)].join(','));
  q.set('l', state.layers.map(encodeLayer).join(','));
  q.set('i', t.indicator);
  if (t.year !== null) q.set('y', String(t.year));
  if (t.normalisation !== 'none') q.set('n', t.normalisation);
  q.set('c', `${t.method}.${t.classes}.${t.scheme}`);
  if (t.method === 'manual' && t.manual.length) q.set('m', t.manual.map(String).join(','));
  if (t.extrude) q.set('x', '1');
  for (const [name, values] of Object.entries(state.filters)) q.set(`f.${name}`, values.join(','));
  if (state.selection) q.set('s', `${state.selection.layer}:${state.selection.ids.join(',')}`);
  if (state.area) q.set('a', encodeArea(state.area));
  if (state.requestMode !== REQUEST_MODES[0]) q.set('r', state.requestMode);
  if (state.basemap) q.set('b', state.basemap);
  return q;
}

/** Reads the state from a query string; what is missing or wrong takes its default. */
export function decodeState(search: string | URLSearchParams): MapState {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const v = numbers(q.get('v'));
  const [method, classes, scheme] = (q.get('c') ?? '').split('.');
  const filters: Record<string, string[]> = {};
  for (const [key, value] of q) if (key.startsWith('f.')) filters[key.slice(2)] = value.split(',').filter(Boolean);
  const selection = q.get('s');
  const colon = selection?.indexOf(':') ?? -1;
  const n = q.get('n');
  return normaliseState({
    view: v.length >= 3 ? { center: [v[0], v[1]], zoom: v[2], bearing: v[3] ?? 0, pitch: v[4] ?? 0 } : null,
    layers: q.has('l') ? q.get('l')!.split(',').map(decodeLayer) : undefined,
    thematic: {
      indicator: q.get('i') ?? undefined,
      year: q.has('y') ? Number(q.get('y')) : null,
      normalisation: n ?? (q.has('i') ? 'none' : undefined),
      method: (CLASSIFICATION_METHODS as readonly string[]).includes(method ?? '') ? (method as ClassificationMethod) : undefined,
      classes: classes ? Number(classes) : undefined,
      scheme,
      manual: numbers(q.get('m')),
      extrude: q.get('x') === '1',
    },
    filters,
    selection: selection && colon > 0 ? { layer: selection.slice(0, colon), ids: selection.slice(colon + 1).split(',') } : null,
    area: decodeArea(q.get('a')),
    requestMode: q.get('r') ?? undefined,
    basemap: q.get('b'),
  } as unknown);
}

/** The search part of a URL with the state written in, other parameters kept (before ours). */
export function searchWithState(currentSearch: string, state: MapState): string {
  const current = new URLSearchParams(currentSearch);
  const result = new URLSearchParams();
  for (const [key, value] of current) if (!isOwn(key)) result.append(key, value);
  for (const [key, value] of encodeState(state)) result.append(key, value);
  // Commas, colons, semicolons and tildes are allowed in a query: keep them readable.
  const text = result.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%3B/gi, ';').replace(/%7E/gi, '~');
  return text ? `?${text}` : '';
}
