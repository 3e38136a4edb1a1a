import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { DISTRICT_OUTLINE, MAHALLE } from './mahalle';
import { round, windPolygon, type Position } from './geometry';

/** Coordinates of the generated boundaries: 7 decimals (~1 cm), enough that rounding opens no gap. */
export const BOUNDARY_DECIMALS = 7;

export interface MahalleCell {
  uavtCode: string;
  /** MultiPolygon coordinates, RFC 7946 winding. */
  polygons: Position[][][];
}

/**
 * Approximate mahalle boundaries: the Voronoi tessellation of the representative points, clipped to
 * the district outline. Neighbouring cells share their edges exactly, so they neither gap nor overlap.
 * Not official boundaries.
 */
export function generateBoundaries(): MahalleCell[] {
  const points = turf.featureCollection(MAHALLE.map((m) => turf.point(m.point, { uavtCode: m.uavtCode })));
  const cells = turf.voronoi(points, { bbox: [28.7, 40.9, 29.0, 41.2] });
  const outline = turf.polygon([DISTRICT_OUTLINE.map((p) => [...p])]);
  return MAHALLE.map((m, i) => {
    const cell = cells.features[i];
    if (!cell) throw new Error(`no Voronoi cell for ${m.name}`);
    const clipped = turf.intersect(turf.featureCollection([cell as Feature<Polygon>, outline]));
    if (!clipped) throw new Error(`the cell of ${m.name} lies outside the district`);
    const geometry = clipped.geometry as Polygon | MultiPolygon;
    const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Position[][][];
    return {
      uavtCode: m.uavtCode,
      polygons: polygons.map((rings) => windPolygon(rings.map((ring) => ring.map(([x, y]) => [round(x, BOUNDARY_DECIMALS), round(y, BOUNDARY_DECIMALS)] as Position)))),
    };
  });
}
