/*
 * The citizen-request layer of the layer panel. Individual requests are for staff only (permission
 * read-internal): the points are fetched only when the layer is on and /api/auth/me says the caller
 * may read them; the public is pointed to the published citizen_request_counts dataset instead and
 * fetches nothing personal. The points arrive once, as binary (GET /api/requests/points), and are
 * filtered here by time window, channel and category, so a change of filter costs no round trip.
 * deck.gl's aggregation layers and h3-js load with the layer, on first use.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerState, MapState } from '../state/mapState';
import { dayOf, dayRange, decodeRequestPoints, filterRequestPoints, pickedPositions, type RequestFilter, type RequestPoints } from './requestPoints';
import './strings';

export const REQUEST_FILTERS = { from: 'request_from', to: 'request_to', channel: 'request_channel', category: 'request_category' } as const;

export interface RequestsInfo {
  /** unknown: not asked yet; denied: the public (or a role without read-internal). */
  access: 'unknown' | 'loading' | 'ready' | 'denied' | 'failed';
  channels: string[];
  categories: string[];
  /** First and last day with a request (days since 1970-01-01). */
  range: [number, number] | null;
  /** Points handed to deck.gl in the last drawing; null before the first. */
  shown: number | null;
}

/** The state's request filters; a filter on every code is no filter. */
export function requestFilter(filters: MapState['filters']): RequestFilter {
  const one = (name: string) => filters[name]?.[0];
  return {
    from: dayOf(one(REQUEST_FILTERS.from)),
    to: dayOf(one(REQUEST_FILTERS.to)),
    channels: filters[REQUEST_FILTERS.channel] ?? null,
    categories: filters[REQUEST_FILTERS.category] ?? null,
  };
}

async function mayReadRequests(): Promise<boolean> {
  const response = await fetch('/api/auth/me', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`/api/auth/me answered ${response.status}`);
  return ((await response.json()) as { actions: string[] }).actions.includes('read-internal');
}

async function fetchRequestPoints(): Promise<RequestPoints> {
  const response = await fetch('/api/requests/points');
  if (!response.ok) throw new Error(`/api/requests/points answered ${response.status}`);
  return decodeRequestPoints(await response.arrayBuffer());
}

export class RequestsLayer {
  readonly info: RequestsInfo = { access: 'unknown', channels: [], categories: [], range: null, shown: null };
  private access: Promise<boolean> | null = null;
  private data: Promise<[RequestPoints, typeof import('./requestLayers')]> | null = null;
  private picked: { key: string; picked: Uint32Array; positions: Float32Array } | null = null;

  constructor(private readonly map: MapLibreMap) {}

  /** Draws the layer as the state says; the first time it is on, loads what it needs (the panel shows progress through `info`). */
  async apply(layer: LayerState, state: MapState, beforeId: string | undefined, onProgress: () => void): Promise<void> {
    if (!layer.visible && !this.data) return; // never turned on: nothing loaded, nothing to hide
    this.access ??= mayReadRequests();
    if (this.info.access === 'unknown') {
      this.info.access = 'loading';
      onProgress();
    }
    try {
      if (!(await this.access)) {
        this.info.access = 'denied';
        return;
      }
      this.data ??= Promise.all([fetchRequestPoints(), import('./requestLayers')]);
      const [points, layers] = await this.data;
      if (this.info.access !== 'ready') Object.assign(this.info, { access: 'ready', channels: points.channels, categories: points.categories, range: dayRange(points) });
      const filter = requestFilter(state.filters);
      const key = JSON.stringify(filter);
      if (this.picked?.key !== key) {
        const picked = filterRequestPoints(points, filter);
        this.picked = { key, picked, positions: pickedPositions(points, picked) };
      }
      this.info.shown = layers.showRequestLayer(this.map, points, this.picked.picked, this.picked.positions, { mode: state.requestMode, visible: layer.visible, opacity: layer.opacity, beforeId, rank: state.layers.indexOf(layer) });
    } catch (error) {
      this.info.access = 'failed';
      this.access = null;
      this.data = null;
      throw error;
    }
  }
}
