import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { DISTRICT_OUTLINE, MAHALLE } from './mahalle';
import { multiPolygonArea, pointInMultiPolygon, ringArea, round, windPolygon, type Position } from './geometry';

/**
 * Approximate mahalle boundaries — generated, NOT official.
 *
 * Method: a power diagram (weighted Voronoi) of the 22 representative points, computed in a local
 * metric projection and clipped to the district outline. The weights are fitted for a fixed number
 * of damped Newton steps so that each cell's area approaches the mahalle's listed area (scaled to the
 * outline's area), under the constraint that every point stays well inside its own cell. The
 * result is deterministic: it depends only on the table in mahalle.ts.
 *
 * Topology: every vertex is computed once and shared, so neighbouring cells have identical edge
 * vertices (no gaps, no overlaps). Vertices are rounded to 6 decimals; vertices on the outline are
 * snapped to the 6-decimal points lying exactly on the outline segment, so the cells' union is the
 * outline exactly.
 */

/** Coordinates of the generated boundaries: 6 decimals (~10 cm). */
export const BOUNDARY_DECIMALS = 6;

export interface MahalleCell {
  uavtCode: string;
  /** MultiPolygon coordinates, RFC 7946 winding (exterior counter-clockwise), closed rings. */
  polygons: Position[][][];
}

export interface BoundaryFit {
  uavtCode: string;
  /** Target area: the listed km² scaled so that the 22 targets sum to the outline's area. */
  targetKm2: number;
  /** Area of the generated cell (local planar projection). */
  areaKm2: number;
}

// ---------------------------------------------------------------------------------------------
// Local projection: metres east/north of a reference point (equirectangular, ample for 6 km).

const LON0 = 28.84;
const LAT0 = 41.045;
const KX = 111_320 * Math.cos((LAT0 * Math.PI) / 180);
const KY = 110_574;
const project = ([lon, lat]: readonly [number, number]): Position => [(lon - LON0) * KX, (lat - LAT0) * KY];
const unproject = ([x, y]: Position): Position => [x / KX + LON0, y / KY + LAT0];

/** Half-plane a·p ≤ c. */
interface HalfPlane {
  ax: number;
  ay: number;
  c: number;
}

/** Sutherland–Hodgman clip of an open ring by a half-plane. For a concave ring the result may contain
 * zero-width bridges along the clip line; its signed area is still exact. */
function clipRing(ring: readonly Position[], h: HalfPlane): Position[] {
  const out: Position[] = [];
  const f = (p: Position) => h.ax * p[0] + h.ay * p[1] - h.c;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    const fa = f(a);
    const fb = f(b);
    if (fa <= 0) out.push(a);
    if ((fa < 0 && fb > 0) || (fa > 0 && fb < 0)) {
      const t = fa / (fa - fb);
      out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
    }
  }
  return out;
}

function openRingArea(ring: readonly Position[]): number {
  return ring.length < 3 ? 0 : ringArea([...ring, ring[0]!]);
}

/** The half-plane of points whose power distance to site i is at most that to site j. */
function powerHalfPlane(sites: readonly Position[], weights: readonly number[], i: number, j: number): HalfPlane {
  const [xi, yi] = sites[i]!;
  const [xj, yj] = sites[j]!;
  return { ax: xj - xi, ay: yj - yi, c: (xj * xj + yj * yj - xi * xi - yi * yi + weights[i]! - weights[j]!) / 2 };
}

const FIT_ITERATIONS = 120;
const FIT_DAMPING = 0.5;
/** A point keeps at least a quarter of the distance to each neighbour from its cell's edge. */
const FIT_MARGIN = 0.5;

/**
 * Power-diagram weights (m²) whose clipped cells approach the target areas: damped Jacobi–Newton
 * steps, projected onto the "point stays inside" constraints; the best weights seen are kept.
 */
function fitWeights(sites: readonly Position[], outline: readonly Position[], targets: readonly number[]): number[] {
  const n = sites.length;
  const dist = sites.map((a) => sites.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
  let weights = new Array<number>(n).fill(0);
  let best = { worst: Infinity, weights };
  for (let iter = 0; iter < FIT_ITERATIONS; iter++) {
    const step = new Array<number>(n).fill(0);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      let ring: Position[] = [...outline];
      const planes: HalfPlane[] = [];
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const h = powerHalfPlane(sites, weights, i, j);
        planes.push(h);
        ring = clipRing(ring, h);
      }
      const area = openRingArea(ring);
      worst = Math.max(worst, Math.abs(area - targets[i]!) / targets[i]!);
      // dA_i/dw_i = Σ_j (length of the edge shared with j) / (2 d_ij).
      let derivative = 0;
      planes.forEach((h, idx) => {
        const norm = Math.hypot(h.ax, h.ay);
        const on = ring.map((p) => Math.abs(h.ax * p[0] + h.ay * p[1] - h.c) / norm < 1e-6);
        for (let k = 0; k < ring.length; k++) {
          const next = (k + 1) % ring.length;
          if (!on[k] || !on[next]) continue;
          const a = ring[k]!;
          const b = ring[next]!;
          derivative += Math.hypot(b[0] - a[0], b[1] - a[1]) / (2 * dist[i]![idx < i ? idx : idx + 1]!);
        }
      });
      if (derivative > 0) step[i] = (FIT_DAMPING * (targets[i]! - area)) / derivative;
    }
    if (worst < best.worst) best = { worst, weights };
    if (worst < 0.002) break;
    // Keep every point well inside its own cell: w_j − w_i ≤ margin · d_ij² for all pairs. Violations
    // are removed by repeated pairwise projection (split the excess between the two weights).
    const next = weights.map((w, i) => w + step[i]!);
    let violated = true;
    for (let pass = 0; pass < 100 && violated; pass++) {
      violated = false;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const excess = next[j]! - next[i]! - 0.99 * FIT_MARGIN * dist[i]![j]! ** 2;
        if (excess > 0) {
          next[j]! -= excess / 2;
          next[i]! += excess / 2;
          violated = true;
        }
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && next[j]! - next[i]! > FIT_MARGIN * dist[i]![j]! ** 2) return best.weights;
    const mean = next.reduce((a, b) => a + b, 0) / n;
    weights = next.map((w) => w - mean);
  }
  return best.weights;
}

// ---------------------------------------------------------------------------------------------
// Exact topology: shared vertices and snapping onto the outline.

/** Vertices within 1e-9° (0.1 mm) of each other are the same vertex, whichever cell computed them. */
class VertexRegistry {
  private readonly points: Position[] = [];
  canonical(p: Position): Position {
    for (const q of this.points) if (Math.abs(q[0] - p[0]) < 1e-9 && Math.abs(q[1] - p[1]) < 1e-9) return q;
    this.points.push(p);
    return p;
  }
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

const SCALE = 10 ** BOUNDARY_DECIMALS;

/**
 * The final coordinate of a vertex: an outline vertex stays as is; a vertex on an outline segment
 * moves along it to the nearest point with 6-decimal coordinates that lies exactly on the segment
 * (the outline's 4-decimal vertices guarantee at least 100 such points per segment); any other vertex
 * is rounded to 6 decimals.
 */
function finalPosition(p: Position, outline: readonly Position[]): Position {
  for (const v of outline) if (Math.abs(v[0] - p[0]) < 1e-9 && Math.abs(v[1] - p[1]) < 1e-9) return [v[0], v[1]];
  for (let k = 0; k < outline.length; k++) {
    const a = outline[k]!;
    const b = outline[(k + 1) % outline.length]!;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
    if (t < 0 || t > 1) continue;
    const distance = Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / Math.sqrt(len2);
    if (distance > 1e-9) continue;
    const A = [Math.round(a[0] * SCALE), Math.round(a[1] * SCALE)] as const;
    const D = [Math.round(b[0] * SCALE) - A[0], Math.round(b[1] * SCALE) - A[1]] as const;
    const g = gcd(D[0], D[1]);
    const step = Math.min(g - 1, Math.max(1, Math.round(t * g)));
    return [(A[0] + (step * D[0]) / g) / SCALE, (A[1] + (step * D[1]) / g) / SCALE];
  }
  return [round(p[0], BOUNDARY_DECIMALS), round(p[1], BOUNDARY_DECIMALS)];
}

function cleanRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  return out.length >= 3 ? [...out, out[0]!] : [];
}

/**
 * A power cell clipped to a concave outline can fall apart: a small piece across a notch of the
 * outline, away from the mahalle's point. Such exclaves go to the neighbour that shares the longest
 * boundary with them. The merge is combinatorial — shared edges (identical vertices, opposite
 * directions) cancel and the remaining edges are stitched into one ring — so no vertex moves and the
 * tiling stays exact. A merge that would not give one simple ring is skipped.
 */
function absorbExclaves(cells: MahalleCell[]): void {
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const edgesOf = (ring: Position[]) => ring.slice(0, -1).map((p, k) => [p, ring[k + 1]!] as const);
  cells.forEach((cell, i) => {
    const point = MAHALLE[i]!.point;
    const home = cell.polygons.findIndex((rings) => pointInMultiPolygon(point, [rings]));
    const exclaves = cell.polygons.filter((_, k) => k !== home);
    for (const exclave of exclaves) {
      if (exclave.length !== 1) continue;
      const ring = exclave[0]!;
      const reversed = new Set(edgesOf(ring).map(([a, b]) => `${key(b)}|${key(a)}`));
      let best: { cell: number; part: number; shared: number } | undefined;
      cells.forEach((other, j) => {
        if (j === i) return;
        other.polygons.forEach((rings, part) => {
          const shared = edgesOf(rings[0]!)
            .filter(([a, b]) => reversed.has(`${key(a)}|${key(b)}`))
            .reduce((sum, [a, b]) => sum + Math.hypot(b[0] - a[0], b[1] - a[1]), 0);
          if (shared > 0 && (!best || shared > best.shared)) best = { cell: j, part, shared };
        });
      });
      if (!best) continue;
      const target = cells[best.cell]!.polygons[best.part]!;
      if (target.length !== 1) continue;
      const merged = stitch([...edgesOf(target[0]!), ...edgesOf(ring)]);
      if (!merged) continue;
      cells[best.cell]!.polygons[best.part] = [merged];
      cell.polygons = cell.polygons.filter((rings) => rings !== exclave);
    }
  });
}

/** Cancels opposite edge pairs and walks the rest into one closed ring; undefined if that fails. */
function stitch(edges: (readonly [Position, Position])[]): Position[] | undefined {
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const all = new Map<string, readonly [Position, Position]>();
  for (const e of edges) all.set(`${key(e[0])}|${key(e[1])}`, e);
  const remaining = [...all.values()].filter(([a, b]) => !all.has(`${key(b)}|${key(a)}`));
  const outgoing = new Map<string, readonly [Position, Position]>();
  for (const e of remaining) {
    if (outgoing.has(key(e[0]))) return undefined; // the two polygons touch in a point: leave them apart
    outgoing.set(key(e[0]), e);
  }
  const start = remaining[0];
  if (!start) return undefined;
  const ring: Position[] = [start[0]];
  let edge = start;
  for (let steps = 0; steps <= remaining.length; steps++) {
    ring.push(edge[1]);
    if (key(edge[1]) === key(start[0])) return ring.length === remaining.length + 1 ? cleanRing(ring) : undefined;
    const next = outgoing.get(key(edge[1]));
    if (!next) return undefined;
    edge = next;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

let cached: { cells: MahalleCell[]; fit: BoundaryFit[]; districtRing: Position[] } | undefined;

function build(): { cells: MahalleCell[]; fit: BoundaryFit[]; districtRing: Position[] } {
  const outlineLonLat = DISTRICT_OUTLINE.slice(0, -1) as Position[];
  const outline = outlineLonLat.map(project);
  const sites = MAHALLE.map((m) => project(m.point));
  const outlineArea = openRingArea(outline);
  const listed = MAHALLE.reduce((s, m) => s + m.areaKm2, 0);
  const targets = MAHALLE.map((m) => (m.areaKm2 / listed) * outlineArea);
  const weights = fitWeights(sites, outline, targets);

  // Convex power cells over a generous box, vertices shared through the registry.
  const registry = new VertexRegistry();
  const [minx, miny, maxx, maxy] = outline.reduce(
    ([a, b, c, d], [x, y]) => [Math.min(a, x), Math.min(b, y), Math.max(c, x), Math.max(d, y)],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const box: Position[] = [[minx - 1000, miny - 1000], [maxx + 1000, miny - 1000], [maxx + 1000, maxy + 1000], [minx - 1000, maxy + 1000]];
  const outlineFeature = turf.polygon([DISTRICT_OUTLINE.map((p) => [p[0], p[1]])]);

  const cells = MAHALLE.map((m, i): MahalleCell => {
    let ring = box;
    for (let j = 0; j < sites.length; j++) if (j !== i) ring = clipRing(ring, powerHalfPlane(sites, weights, i, j));
    const convex = cleanRing(ring.map((p) => registry.canonical(unproject(p))));
    if (convex.length === 0) throw new Error(`the power cell of ${m.name} is empty`);
    const clipped = turf.intersect(turf.featureCollection([turf.polygon([convex]) as Feature<Polygon>, outlineFeature]));
    if (!clipped) throw new Error(`the cell of ${m.name} lies outside the district`);
    const geometry = clipped.geometry as Polygon | MultiPolygon;
    const parts = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Position[][][];
    const polygons = parts
      .map((rings) => rings.map((r) => cleanRing(r.map((p) => finalPosition(registry.canonical([p[0], p[1]]), outlineLonLat)))).filter((r) => r.length > 0))
      .filter((rings) => rings.length > 0)
      .map(windPolygon);
    return { uavtCode: m.uavtCode, polygons };
  });

  absorbExclaves(cells);

  // Invariants the rest of the generator relies on: fail loudly rather than write a broken tiling.
  const outlineDeg = Math.abs(ringArea(DISTRICT_OUTLINE as Position[]));
  const total = cells.reduce((s, c) => s + multiPolygonArea(c.polygons), 0);
  if (Math.abs(total - outlineDeg) / outlineDeg > 1e-9) throw new Error(`mahalle cells cover ${total} deg², the outline ${outlineDeg} deg²`);
  cells.forEach((c, i) => {
    if (!pointInMultiPolygon(MAHALLE[i]!.point, c.polygons)) throw new Error(`the cell of ${MAHALLE[i]!.name} does not contain its point`);
  });

  const kmPerDeg2 = (outlineArea / 1e6) / outlineDeg;
  const fit = cells.map((c, i) => ({
    uavtCode: c.uavtCode,
    targetKm2: targets[i]! / 1e6,
    areaKm2: multiPolygonArea(c.polygons) * kmPerDeg2,
  }));
  return { cells, fit, districtRing: splitOutline(outlineLonLat, cells) };
}

/** The outline (open ring) with the cells' vertices that lie on its segments inserted; closed. */
function splitOutline(outline: readonly Position[], cells: readonly MahalleCell[]): Position[] {
  const vertices = new Map<string, Position>();
  for (const cell of cells) for (const rings of cell.polygons) for (const p of rings[0]!) vertices.set(`${p[0]},${p[1]}`, p);
  const ring: Position[] = [];
  outline.forEach((a, k) => {
    const b = outline[(k + 1) % outline.length]!;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    const between: [number, Position][] = [];
    for (const p of vertices.values()) {
      const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
      if (t <= 0 || t >= 1) continue;
      if (Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / Math.sqrt(len2) > 1e-9) continue;
      between.push([t, p]);
    }
    between.sort((x, y) => x[0] - y[0]);
    ring.push([a[0], a[1]], ...between.map(([, p]) => [p[0], p[1]] as Position));
  });
  return [...ring, ring[0]!];
}

/** The 22 generated mahalle cells, in the order of MAHALLE (computed once, then cached). */
export function generateBoundaries(): MahalleCell[] {
  cached ??= build();
  return cached.cells.map((c) => ({ uavtCode: c.uavtCode, polygons: c.polygons.map((rings) => rings.map((r) => r.map((p) => [p[0], p[1]] as Position))) }));
}

/**
 * The district outline as written to district.geojson: DISTRICT_OUTLINE with every cell vertex that
 * lies on an outline segment inserted in order (counter-clockwise, closed). In the plane this is the
 * same polygon; on the sphere it matters — a geodesic edge split at a vertex bends away from the
 * unsplit edge, so without the inserted vertices the union of the cells would differ from the district
 * by some 150 m² in a geography area (ST_Area(geom::geography)). With them the district's boundary is
 * exactly the cells' outer boundary, in any metric.
 */
export function districtRing(): Position[] {
  cached ??= build();
  return cached.districtRing.map((p) => [p[0], p[1]] as Position);
}

/** How close each generated cell's area came to its target. */
export function boundaryFit(): BoundaryFit[] {
  cached ??= build();
  return cached.fit.map((f) => ({ ...f }));
}
