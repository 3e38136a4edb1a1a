import { bboxOf, pointInMultiPolygon, round, type Position } from './geometry';
import type { Random } from './random';

/** A random point inside the polygons, by rejection sampling, rounded to 6 decimals (~10 cm). */
export function pointInside(random: Random, polygons: Position[][][]): Position {
  const [minx, miny, maxx, maxy] = bboxOf(polygons);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const p: Position = [round(random.between(minx, maxx), 6), round(random.between(miny, maxy), 6)];
    if (pointInMultiPolygon(p, polygons)) return p;
  }
  throw new Error('could not place a point inside a polygon');
}
