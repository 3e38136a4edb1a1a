import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { boundsOf, interiorPoint } from '../src/map/geometry';
import { characterSet, TURKISH_LETTERS } from '../src/map/characters';
import { parseBasemap } from '../src/map/basemap';

const square = (x: number, y: number, size: number): number[][] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];

describe('label anchors', () => {
  it('puts a square’s anchor at its centre', () => {
    const [x, y] = interiorPoint({ type: 'MultiPolygon', coordinates: [[square(28.8, 41.0, 0.01)]] });
    expect(x).toBeCloseTo(28.805, 3);
    expect(y).toBeCloseTo(41.005, 3);
  });

  it('keeps the anchor inside an L shape, where the vertex centroid falls outside', () => {
    // An L: the lower bar from x 0..3, the left column up to y 3; (1.5, 1.5) is outside it.
    const l: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[0, 0], [3, 0], [3, 1], [1, 1], [1, 3], [0, 3], [0, 0]].map(([a, b]) => [28.8 + a! / 100, 41 + b! / 100])]] };
    const [x, y] = interiorPoint(l);
    const [a, b] = [(x - 28.8) * 100, (y - 41) * 100];
    expect((a >= 0 && a <= 3 && b >= 0 && b <= 1) || (a >= 0 && a <= 1 && b >= 0 && b <= 3)).toBe(true);
  });

  it('uses the largest part of a MultiPolygon and avoids holes', () => {
    const withHole: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[square(28.9, 41.0, 0.001)], [square(28.8, 41.0, 0.03), square(28.81, 41.01, 0.01).reverse()]],
    };
    const [x, y] = interiorPoint(withHole);
    expect(x).toBeGreaterThan(28.8);
    expect(x).toBeLessThan(28.83);
    const inHole = x > 28.81 && x < 28.82 && y > 41.01 && y < 41.02;
    expect(inHole).toBe(false);
  });

  it('bounds all parts', () => {
    const a: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(28.8, 41.0, 0.01)], [square(28.9, 41.05, 0.01)]] };
    const [[minX, minY], [maxX, maxY]] = boundsOf([a]);
    expect([minX, minY, maxX, maxY].map((v) => v.toFixed(6))).toEqual(['28.800000', '41.000000', '28.910000', '41.060000']);
  });
});

describe('label characters', () => {
  it('holds ASCII, the Turkish letters and any other letter of the names', () => {
    const set = characterSet(['Ağaçlı Çiftliği', 'Ærø']);
    for (const c of `AZaz09 .${TURKISH_LETTERS}Ærø`) expect(set).toContain(c);
    expect(new Set(set).size).toBe(set.length);
  });
});

describe('basemap settings', () => {
  it('reads "Name|URL" like the BASEMAPS setting and rejects anything else', () => {
    expect(parseBasemap('OSM | https://tile.example.org/{z}/{x}/{y}.png')).toEqual({ name: 'OSM', url: 'https://tile.example.org/{z}/{x}/{y}.png' });
    expect(parseBasemap('https://tile.example.org/{z}/{x}/{y}.png')).toBeNull();
    expect(parseBasemap('X|javascript:alert(1)')).toBeNull();
    expect(parseBasemap('X|https://tile.example.org/tile.png')).toBeNull();
  });
});
