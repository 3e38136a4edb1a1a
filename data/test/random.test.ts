import { describe, expect, it } from 'vitest';
import { toCsv } from '../src/generate/csv';
import { apportion, Random, WeightedTable } from '../src/generate/random';
import { isValidNationalId, syntheticNationalId } from '../src/generate/requests';
import { istanbulTime, istanbulToUtc } from '../src/generate/time';

describe('seeded random numbers', () => {
  it('repeat for the same seed and differ for another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draw normals, log-normals and weighted choices with the intended shape', () => {
    const r = new Random(7);
    const n = 20_000;
    const normals = Array.from({ length: n }, () => r.normal(10, 2));
    const mean = normals.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(normals.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
    const logs = Array.from({ length: n }, () => r.lognormal(24, 0.8)).sort((x, y) => x - y);
    expect(logs[n / 2]!).toBeGreaterThan(22);
    expect(logs[n / 2]!).toBeLessThan(26);
    expect(logs.every((x) => x > 0)).toBe(true);
    const table = new WeightedTable(['a', 'b', 'c'], [1, 2, 7]);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < n; i++) counts[table.draw(r) as 'a' | 'b' | 'c']++;
    expect(counts.a / n).toBeCloseTo(0.1, 1);
    expect(counts.c / n).toBeCloseTo(0.7, 1);
    expect(r.weighted(['x', 'y'], [0, 1])).toBe('y');
  });

  it('apportions an integer total exactly', () => {
    const parts = apportion(1001, [1, 1, 1]);
    expect(parts.reduce((s, x) => s + x, 0)).toBe(1001);
    expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    expect(apportion(10, [0, 3, 7])).toEqual([0, 3, 7]);
  });
});

describe('synthetic national ids', () => {
  it('pass the T.C. kimlik checksum; altered ones do not', () => {
    expect(isValidNationalId('10000000146')).toBe(true); // the well-known test number
    expect(isValidNationalId('10000000147')).toBe(false);
    expect(isValidNationalId('01234567890')).toBe(false);
    const r = new Random(1);
    for (let i = 0; i < 1000; i++) {
      const id = syntheticNationalId(r);
      expect(id).toMatch(/^[1-9]\d{10}$/);
      expect(isValidNationalId(id)).toBe(true);
      const wrong = id.slice(0, 10) + String((Number(id[10]) + 1) % 10);
      expect(isValidNationalId(wrong)).toBe(false);
    }
  });
});

describe('CSV and time helpers', () => {
  it('quote per RFC 4180 and end lines with LF', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"'], [null, 3.5]])).toBe('a,b\n"x, y","say ""hi"""\n,3.5\n');
  });

  it('write Istanbul local time with +03:00', () => {
    const utc = istanbulToUtc(2024, 12, 31, 23, 59, 58);
    expect(istanbulTime(utc)).toBe('2024-12-31T23:59:58+03:00');
    expect(istanbulTime(utc + 1500, true)).toBe('2024-12-31T23:59:59.500+03:00');
    expect(Date.parse(istanbulTime(utc))).toBe(utc);
  });
});
