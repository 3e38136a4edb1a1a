/** Small planar helpers on lon/lat rings (the district is small enough for planar arithmetic). */
export type Position = [number, number];

/**
 * Signed planar area of a closed ring in square degrees (positive: counter-clockwise). Coordinates are
 * taken relative to the ring's first vertex, so the shoelace sum does not lose precision to the large
 * absolute longitudes and latitudes.
 */
export function ringArea(ring: readonly Position[]): number {
  if (ring.length < 3) return 0;
  const [ox, oy] = ring[0]!;
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    s += (x1 - ox) * (y2 - oy) - (x2 - ox) * (y1 - oy);
  }
  return s / 2;
}

/** Planar area of a MultiPolygon's coordinates in square degrees (exteriors minus holes). */
export function multiPolygonArea(polygons: readonly Position[][][]): number {
  let s = 0;
  for (const rings of polygons) rings.forEach((ring, i) => (s += i === 0 ? Math.abs(ringArea(ring)) : -Math.abs(ringArea(ring))));
  return s;
}

/** RFC 7946: exterior rings counter-clockwise, holes clockwise. */
export function windPolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, i) => ((ringArea(ring) > 0) === (i === 0) ? ring : [...ring].reverse()));
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Metres between two positions (equirectangular; ample for a 6 km district). */
export function distanceMetres(a: Position, b: Position): number {
  const lat = ((a[1] + b[1]) / 2) * (Math.PI / 180);
  const dx = (b[0] - a[0]) * Math.cos(lat) * 111_320;
  const dy = (b[1] - a[1]) * 110_574;
  return Math.hypot(dx, dy);
}

/** Degrees clockwise from north, from a to b. */
export function bearing(a: Position, b: Position): number {
  const lat = ((a[1] + b[1]) / 2) * (Math.PI / 180);
  const dx = (b[0] - a[0]) * Math.cos(lat);
  const dy = b[1] - a[1];
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

export function pointInRing([x, y]: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInMultiPolygon(p: Position, polygons: readonly Position[][][]): boolean {
  return polygons.some((rings) => pointInRing(p, rings[0]!) && !rings.slice(1).some((hole) => pointInRing(p, hole)));
}

/** Planar distance (degrees) from p to the nearest edge of any ring of the polygons. */
export function distanceToBoundary([x, y]: Position, polygons: readonly Position[][][]): number {
  let best = Infinity;
  for (const rings of polygons) for (const ring of rings) for (let i = 0; i < ring.length - 1; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[i + 1]!;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

export function bboxOf(polygons: readonly Position[][][]): [number, number, number, number] {
  let [minx, miny, maxx, maxy] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) for (const [x, y] of rings[0]!) {
    minx = Math.min(minx, x); miny = Math.min(miny, y); maxx = Math.max(maxx, x); maxy = Math.max(maxy, y);
  }
  return [minx, miny, maxx, maxy];
}
