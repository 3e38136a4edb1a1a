import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { boundaryFit, districtRing, generateBoundaries } from '../src/generate/boundaries';
import { multiPolygonArea, pointInRing, ringArea, type Position } from '../src/generate/geometry';
import { DISTRICT_OUTLINE, DISTRICT_POPULATION_2023, MAHALLE } from '../src/generate/mahalle';

const cells = generateBoundaries();
const outline = DISTRICT_OUTLINE as Position[];
const outlineArea = ringArea(outline);
const key = (p: Position) => `${p[0]},${p[1]}`;
const areaOf = (g: Polygon | MultiPolygon) => multiPolygonArea(g.type === 'Polygon' ? [g.coordinates as Position[][]] : (g.coordinates as Position[][][]));

describe('the mahalle table', () => {
  it('holds the 22 mahalle with unique UAVT codes and the 2023 district total', () => {
    expect(MAHALLE).toHaveLength(22);
    expect(new Set(MAHALLE.map((m) => m.uavtCode)).size).toBe(22);
    expect(MAHALLE.reduce((s, m) => s + m.population2023, 0)).toBe(719_071);
    expect(DISTRICT_POPULATION_2023).toBe(719_071);
    expect(MAHALLE.find((m) => m.uavtCode === '40169')).toMatchObject({ name: '15 Temmuz', formerNames: ['Evren'] });
    expect(MAHALLE.filter((m) => m.formerNames.length > 0)).toHaveLength(1);
  });

  it('has a closed, counter-clockwise 12-vertex outline that contains every mahalle point', () => {
    expect(outline).toHaveLength(13);
    expect(outline[0]).toEqual(outline[12]);
    expect(outlineArea).toBeGreaterThan(0);
    for (const m of MAHALLE) expect(pointInRing(m.point, outline), m.name).toBe(true);
  });
});

describe('generated mahalle boundaries', () => {
  it('are 22 valid, simple polygons with RFC 7946 winding and 6-decimal coordinates', () => {
    expect(cells).toHaveLength(22);
    cells.forEach((cell, i) => {
      expect(cell.uavtCode).toBe(MAHALLE[i]!.uavtCode);
      const feature = turf.multiPolygon(cell.polygons);
      expect(turf.booleanValid(feature), MAHALLE[i]!.name).toBe(true);
      expect(turf.kinks(feature).features, MAHALLE[i]!.name).toHaveLength(0);
      for (const rings of cell.polygons) {
        rings.forEach((ring, r) => {
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          expect(ring.length).toBeGreaterThanOrEqual(4);
          // Exterior counter-clockwise, holes clockwise.
          expect(ringArea(ring) > 0).toBe(r === 0);
          for (const [x, y] of ring) {
            expect(Math.round(x * 1e6) / 1e6).toBe(x);
            expect(Math.round(y * 1e6) / 1e6).toBe(y);
          }
        });
      }
    });
  });

  it('each contain their own mahalle point', () => {
    cells.forEach((cell, i) => {
      expect(turf.booleanPointInPolygon(turf.point(MAHALLE[i]!.point), turf.multiPolygon(cell.polygons)), MAHALLE[i]!.name).toBe(true);
    });
  });

  it('do not overlap: every pair intersects in less than 1e-10 deg²', () => {
    for (let i = 0; i < cells.length; i++) {
      for (let j = i + 1; j < cells.length; j++) {
        const x = turf.intersect(turf.featureCollection([turf.multiPolygon(cells[i]!.polygons), turf.multiPolygon(cells[j]!.polygons)]));
        // Neighbours touch along edges only: no intersection, or one of no area.
        if (x) expect(areaOf(x.geometry), `${MAHALLE[i]!.name} × ${MAHALLE[j]!.name}`).toBeLessThan(1e-10);
      }
    }
  });

  it('share identical vertices along every inner edge; other edges lie on the outline', () => {
    const owner = new Map<string, number>();
    const edges: [Position, Position, number][] = [];
    cells.forEach((cell, i) => {
      for (const rings of cell.polygons) for (const ring of rings) for (let k = 0; k < ring.length - 1; k++) {
        edges.push([ring[k]!, ring[k + 1]!, i]);
        owner.set(`${key(ring[k]!)}|${key(ring[k + 1]!)}`, i);
      }
    });
    const onOutline = ([x, y]: Position) => outline.slice(0, -1).some((a, k) => {
      const b = outline[k + 1]!;
      const cross = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
      const within = Math.min(a[0], b[0]) - 1e-12 <= x && x <= Math.max(a[0], b[0]) + 1e-12 && Math.min(a[1], b[1]) - 1e-12 <= y && y <= Math.max(a[1], b[1]) + 1e-12;
      return within && Math.abs(cross) < 1e-12;
    });
    let inner = 0;
    for (const [a, b, i] of edges) {
      const partner = owner.get(`${key(b)}|${key(a)}`);
      if (partner !== undefined) {
        expect(partner).not.toBe(i);
        inner++;
      } else {
        expect(onOutline(a) && onOutline(b), `edge ${key(a)} → ${key(b)} of ${MAHALLE[i]!.name}`).toBe(true);
      }
    }
    expect(inner).toBeGreaterThan(40);
  });

  it('cover the outline exactly: areas sum to the outline within 1e-9, and the union leaves no gap', () => {
    const total = cells.reduce((s, c) => s + multiPolygonArea(c.polygons), 0);
    expect(Math.abs(total - outlineArea) / outlineArea).toBeLessThan(1e-9);
    const union = turf.union(turf.featureCollection(cells.map((c) => turf.multiPolygon(c.polygons))))!;
    expect(Math.abs(areaOf(union.geometry) - outlineArea) / outlineArea).toBeLessThan(1e-9);
    const gap = turf.difference(turf.featureCollection([turf.polygon([outline]), union]));
    expect(gap ? areaOf(gap.geometry) : 0).toBeLessThan(1e-10);
    const outside = turf.difference(turf.featureCollection([union, turf.polygon([outline])]));
    expect(outside ? areaOf(outside.geometry) : 0).toBeLessThan(1e-10);
  });

  it('approach the listed areas (scaled to the outline) within 6 %', () => {
    const fit = boundaryFit();
    const totalTarget = fit.reduce((s, f) => s + f.targetKm2, 0);
    const totalArea = fit.reduce((s, f) => s + f.areaKm2, 0);
    expect(Math.abs(totalArea - totalTarget) / totalTarget).toBeLessThan(1e-6);
    for (const f of fit) expect(Math.abs(f.areaKm2 / f.targetKm2 - 1), f.uavtCode).toBeLessThan(0.06);
    // Mahmutbey is by far the largest mahalle.
    const largest = fit.reduce((a, b) => (b.areaKm2 > a.areaKm2 ? b : a));
    expect(largest.uavtCode).toBe('40170');
  });

  it('leave outer edges that are exactly the edges of the district ring written to district.geojson', () => {
    const ring = districtRing();
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ringArea(ring)).toBeCloseTo(outlineArea, 15);
    const districtEdges = new Set(ring.slice(0, -1).map((p, k) => `${key(p)}|${key(ring[k + 1]!)}`));
    expect(districtEdges.size).toBe(ring.length - 1);
    const all = new Set<string>();
    for (const cell of cells) for (const rings of cell.polygons) for (const r of rings) for (let k = 0; k < r.length - 1; k++) all.add(`${key(r[k]!)}|${key(r[k + 1]!)}`);
    const outer = [...all].filter((e) => !all.has(e.split('|').reverse().join('|')));
    expect(new Set(outer)).toEqual(districtEdges);
  });

  it('are computed the same way every time', () => {
    expect(generateBoundaries()).toEqual(cells);
  });
});
