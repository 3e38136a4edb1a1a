import type { MultiPolygon, Position } from 'geojson';

export type LngLat = [number, number];
export type Bounds = [LngLat, LngLat];

/** The bounding box of the outer rings of many MultiPolygons. */
export function boundsOf(geometries: Iterable<MultiPolygon>): Bounds {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const geometry of geometries) {
    for (const polygon of geometry.coordinates) {
      for (const [x, y] of polygon[0] ?? []) {
        if (x === undefined || y === undefined) continue;
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (!Number.isFinite(minX)) throw new Error('no coordinates to bound');
  return [[minX, minY], [maxX, maxY]];
}

/** Planar area of a polygon (outer ring minus holes), in squared degrees: only to compare parts. */
function polygonArea(polygon: Position[][]): number {
  const ringArea = (ring: Position[]) => {
    let sum = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
    return Math.abs(sum / 2);
  };
  return polygon.reduce((total, ring, i) => total + (i === 0 ? 1 : -1) * ringArea(ring), 0);
}

/** Area centroid of a ring (its vertex mean when degenerate). */
function ringCentroid(ring: [number, number][]): [number, number] {
  let [a, x, y] = [0, 0, 0];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    const f = xj * yi - xi * yj;
    a += f;
    x += (xi + xj) * f;
    y += (yi + yj) * f;
  }
  if (Math.abs(a) < 1e-18) return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
  return [x / (3 * a), y / (3 * a)];
}

/**
 * Signed distance from (x, y) to a polygon's boundary: positive inside, negative outside (even-odd
 * rule, so holes count as outside). Coordinates are in a local frame where x is already scaled.
 */
function signedDistance(x: number, y: number, rings: [number, number][][]): number {
  let inside = false;
  let min = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[j]!;
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      const dx = bx - ax;
      const dy = by - ay;
      const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      min = Math.min(min, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
    }
  }
  return inside ? min : -min;
}

/**
 * A label anchor well inside a mahalle: the point of its largest part farthest from the boundary
 * (an approximate pole of inaccessibility, by grid search and refinement). Unlike a centroid it is
 * inside concave and L-shaped polygons too.
 */
export function interiorPoint(geometry: MultiPolygon): LngLat {
  const polygon = [...geometry.coordinates].sort((a, b) => polygonArea(b) - polygonArea(a))[0];
  const outer = polygon?.[0];
  if (!polygon || !outer || outer.length === 0) throw new Error('empty geometry');
  const lat0 = outer.reduce((s, p) => s + p[1]!, 0) / outer.length;
  const k = Math.cos((lat0 * Math.PI) / 180); // metres per degree of longitude shrink with latitude
  const rings = polygon.map((ring) => ring.map(([x, y]) => [x! * k, y!] as [number, number]));
  const xs = rings[0]!.map((p) => p[0]);
  const ys = rings[0]!.map((p) => p[1]);
  let [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Ties are common (a rectangle's whole middle line is equally far from its long sides): a small
  // pull towards the outer ring's centroid picks the most central of nearly equal points.
  const [cx, cy] = ringCentroid(rings[0]!);
  const score = (x: number, y: number) => signedDistance(x, y, rings) - 0.1 * Math.hypot(x - cx, y - cy);
  let best = { x: (minX + maxX) / 2, y: (minY + maxY) / 2, d: -Infinity };
  const STEPS = 12;
  for (let round = 0; round < 6; round++) {
    const sx = (maxX - minX) / STEPS;
    const sy = (maxY - minY) / STEPS;
    for (let i = 0; i <= STEPS; i++) {
      for (let j = 0; j <= STEPS; j++) {
        const x = minX + i * sx;
        const y = minY + j * sy;
        const d = score(x, y);
        if (d > best.d) best = { x, y, d };
      }
    }
    // Zoom in on the best cell's neighbourhood.
    [minX, maxX, minY, maxY] = [best.x - 2 * sx, best.x + 2 * sx, best.y - 2 * sy, best.y + 2 * sy];
  }
  return [best.x / k, best.y];
}
