import { bboxOf, distanceToBoundary, pointInMultiPolygon, round, type Position } from './geometry';
import type { Random } from './random';

/** Points keep this distance from the polygon's edges (~1 m), so no point sits on a shared boundary. */
const BOUNDARY_CLEARANCE_DEG = 1e-5;

/**
 * A random point strictly inside the polygons (by rejection sampling), rounded to 6 decimals (~10 cm):
 * the rounded point is the one tested, and it lies at least ~1 m from every edge, so it is inside in
 * any point-in-polygon test (PostGIS ST_Contains included), never on the border with a neighbour.
 */
export function pointInside(random: Random, polygons: Position[][][]): Position {
  const [minx, miny, maxx, maxy] = bboxOf(polygons);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const p: Position = [round(random.between(minx, maxx), 6), round(random.between(miny, maxy), 6)];
    if (pointInMultiPolygon(p, polygons) && distanceToBoundary(p, polygons) >= BOUNDARY_CLEARANCE_DEG) return p;
  }
  throw new Error('could not place a point inside a polygon');
}
