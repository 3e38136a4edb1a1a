/*
 * The citizen-request layers on the map's shared deck.gl overlay: a heatmap, hexagons (deck.gl's
 * HexagonLayer, aggregated on the GPU) or H3 cells. The points reach deck.gl as binary attributes
 * (one Float32Array of positions), never as an object per point. Loaded with dynamic import() when
 * the layer is first turned on, so deck.gl's aggregation code and h3-js stay out of the first map.
 *
 * H3 cells are drawn by a PolygonLayer from h3-js boundaries rather than @deck.gl/geo-layers'
 * H3HexagonLayer: the same polygons, without the tile and terrain code that package brings.
 */
import { HeatmapLayer, HexagonLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import { PolygonLayer } from '@deck.gl/layers';
import { cellToBoundary, latLngToCell } from 'h3-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { deckOverlay } from '../map/deckOverlay';
import { rgb } from '../map/style';
import { schemeColours } from '../thematic/schemes';
import type { RequestMode } from '../state/mapState';
import type { RequestPoints } from './requestPoints';

const SLOT = 'requests';
/** H3 resolution 9: cells of about 0.1 km², some 250 over the district. */
export const H3_RESOLUTION = 9;
const HEXAGON_RADIUS_M = 150;
const COLOURS = schemeColours('YlOrRd', 6).map((hex) => rgb(hex));

interface H3Cells {
  cells: string[];
  /** Per point, its cell's index in `cells`. */
  cellOf: Uint32Array;
}

// A point's H3 cell does not change with the filter: found once per loaded set of points.
const h3Cache = new WeakMap<RequestPoints, H3Cells>();

function h3Cells(points: RequestPoints): H3Cells {
  const cached = h3Cache.get(points);
  if (cached) return cached;
  const index = new Map<string, number>();
  const cellOf = new Uint32Array(points.count);
  for (let i = 0; i < points.count; i++) {
    const cell = latLngToCell(points.positions[2 * i + 1]!, points.positions[2 * i]!, H3_RESOLUTION);
    let at = index.get(cell);
    if (at === undefined) index.set(cell, (at = index.size));
    cellOf[i] = at;
  }
  const result = { cells: [...index.keys()], cellOf };
  h3Cache.set(points, result);
  return result;
}

interface H3Count {
  polygon: [number, number][];
  count: number;
}

function h3Counts(points: RequestPoints, picked: Uint32Array): H3Count[] {
  const { cells, cellOf } = h3Cells(points);
  const counts = new Uint32Array(cells.length);
  for (const i of picked) counts[cellOf[i]!]!++;
  const result: H3Count[] = [];
  counts.forEach((count, c) => {
    if (count) result.push({ polygon: cellToBoundary(cells[c]!, true) as [number, number][], count });
  });
  return result;
}

export interface RequestLayerSettings {
  mode: RequestMode;
  visible: boolean;
  opacity: number;
  /** The MapLibre layer to draw under (the panel's order); undefined: on top. */
  beforeId: string | undefined;
  /** The place in the layer panel (0 = top). */
  rank: number;
}

/** Draws the picked points in the chosen mode; the number of points handed to deck.gl comes back. */
export function showRequestLayer(map: MapLibreMap, points: RequestPoints, picked: Uint32Array, positions: Float32Array, settings: RequestLayerSettings): number {
  const overlay = deckOverlay(map);
  const show = (...layers: Layer[]) => overlay.setLayers(SLOT, layers, settings.rank);
  if (!settings.visible) {
    show();
    return 0;
  }
  const common = { id: `requests-${settings.mode}`, opacity: settings.opacity, beforeId: settings.beforeId, pickable: false };
  // Binary data: the number of points and their positions as one attribute.
  const data = { length: picked.length, attributes: { getPosition: { value: positions, size: 2 } } };
  if (settings.mode === 'heatmap') {
    show(new HeatmapLayer({ ...common, data, radiusPixels: 25, colorRange: COLOURS } as ConstructorParameters<typeof HeatmapLayer>[0]));
  } else if (settings.mode === 'hexagon') {
    // The hexagons take an accessor over the same array: their CPU aggregation misreads a two-component
    // binary position attribute (every point in one cell), and the GPU aggregation draws nothing under SwiftShader.
    const hexData = { length: picked.length };
    show(new HexagonLayer({
      ...common,
      data: hexData,
      getPosition: (_: unknown, { index, target }: { index: number; target: number[] }) => {
        target[0] = positions[2 * index]!;
        target[1] = positions[2 * index + 1]!;
        return target;
      },
      radius: HEXAGON_RADIUS_M,
      colorRange: COLOURS,
      extruded: false,
      gpuAggregation: false,
      coverage: 0.9,
    } as unknown as ConstructorParameters<typeof HexagonLayer>[0]));
  } else {
    const cells = h3Counts(points, picked);
    const max = cells.reduce((m, c) => Math.max(m, c.count), 1);
    show(new PolygonLayer<H3Count>({
      ...common,
      data: cells,
      getPolygon: (d) => d.polygon,
      getFillColor: (d) => [...COLOURS[Math.min(COLOURS.length - 1, Math.floor((d.count / max) * COLOURS.length))]!, 200],
      getLineColor: [255, 255, 255, 160],
      lineWidthMinPixels: 0.5,
    } as ConstructorParameters<typeof PolygonLayer<H3Count>>[0]));
  }
  return picked.length;
}
