import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { classify, classOf, jenksBreaks, parseBreaks } from '../src/thematic/classification';
import { DIVERGING_SCHEMES, schemeColours, SCHEMES, SEQUENTIAL_SCHEMES } from '../src/thematic/schemes';

/** A small deterministic generator (mulberry32), so the random cases are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sum of squared deviations from the class means of a classification given by its upper bounds. */
function sdcm(sorted: number[], breaks: number[]): number {
  const classes: number[][] = breaks.slice(1).map(() => []);
  for (const v of sorted) classes[classOf(v, breaks)]!.push(v);
  return classes.reduce((total, c) => {
    const mean = c.reduce((a, b) => a + b, 0) / c.length;
    return total + c.reduce((a, b) => a + (b - mean) ** 2, 0);
  }, 0);
}

/** The least SDCM over every way to cut the sorted values into k consecutive classes: exhaustive, independent of the DP. */
function bruteForceJenksCost(sorted: number[], k: number): number {
  let best = Infinity;
  const cut = (from: number, left: number, uppers: number[]) => {
    if (left === 1) {
      const breaks = [sorted[0]!, ...uppers, sorted[sorted.length - 1]!];
      best = Math.min(best, sdcm(sorted, breaks));
      return;
    }
    for (let end = from; end <= sorted.length - left; end++) cut(end + 1, left - 1, [...uppers, sorted[end]!]);
  };
  cut(0, k, []);
  return best;
}

describe('natural breaks (Jenks)', () => {
  /*
   * Reference values: simple-statistics' test/jenks.test.js (github.com/simple-statistics/simple-statistics):
   *   jenks([1, 2, 4, 5, 7, 9, 10, 20], 3) → [1, 7, 20, 20]
   *   jenks([2, 32, 33, 34, 100], 3)      → [2, 32, 100, 100]
   *   jenks([9, 10, 11, 12, 13], 5)       → [9, 10, 11, 12, 13, 13]
   * simple-statistics returns [min, lower limit of class 2, …, lower limit of class k, max]; we return
   * the classes' upper bounds, so the same classes read: {1,2,4,5} {7,9,10} {20} → [1, 5, 10, 20].
   */
  it('agrees with simple-statistics on its published examples', () => {
    expect(classify([1, 2, 4, 5, 7, 9, 10, 20], 'jenks', 3).breaks).toEqual([1, 5, 10, 20]);
    expect(classify([2, 32, 33, 34, 100], 'jenks', 3).breaks).toEqual([2, 2, 34, 100]);
    expect(jenksBreaks([9, 10, 11, 12, 13], 5)).toEqual([9, 9, 10, 11, 12, 13]);
    expect(classify([1, 2, 4, 5, 7, 9, 10, 20], 'jenks', 3).counts).toEqual([4, 3, 1]);
  });

  // The second reference is the definition itself: no other cut into k classes has a smaller within-class sum of squares.
  it('finds the partition with the least within-class sum of squares (exhaustive search, 40 random series)', () => {
    const next = random(20261202);
    for (let trial = 0; trial < 40; trial++) {
      const n = 8 + Math.floor(next() * 10);
      const k = 3 + Math.floor(next() * 3);
      const values = Array.from({ length: n }, () => Math.round(next() * 1000 * (next() < 0.2 ? 10 : 1)) / 10).sort((a, b) => a - b);
      if (new Set(values).size <= k) continue;
      const { breaks, counts } = classify(values, 'jenks', k);
      expect(breaks).toHaveLength(k + 1);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
      expect(sdcm(values, breaks)).toBeCloseTo(bruteForceJenksCost(values, k), 6);
    }
  });
});

describe('quantile, equal interval, standard deviation and manual breaks', () => {
  it('quantiles: nearest-rank bounds, equal counts', () => {
    const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(classify(values, 'quantile', 5)).toEqual({ breaks: [1, 2, 4, 6, 8, 10], counts: [2, 2, 2, 2, 2] });
    // n = 7, k = 3: ranks ceil(7/3) = 3, ceil(14/3) = 5, 7
    expect(classify([1, 2, 3, 4, 5, 6, 7], 'quantile', 3)).toEqual({ breaks: [1, 3, 5, 7], counts: [3, 2, 2] });
  });

  it('quantiles of repeated values drop the empty classes', () => {
    // n = 10, k = 4: ranks 3, 5, 8, 10 → 1, 1, 3, 5; the second class (1, 1] would be empty
    expect(classify([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], 'quantile', 4)).toEqual({ breaks: [1, 1, 3, 5], counts: [6, 2, 2] });
  });

  it('equal intervals', () => {
    expect(classify([0, 1, 3, 10, 7, 5], 'equal', 5)).toEqual({ breaks: [0, 2, 4, 6, 8, 10], counts: [2, 1, 1, 1, 1] });
    expect(classify([0, 1, 3, 10, 9.5, 0.5], 'equal', 5)).toEqual({ breaks: [0, 2, 4, 6, 8, 10], counts: [3, 1, 0, 0, 2] });
    expect(classify([0.5, 1.5, 2.5, 3.5], 'equal', 3).breaks).toEqual([0.5, 1.5, 2.5, 3.5]);
  });

  it('standard deviations around the mean (mean 5, SD 2)', () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    // even k: a bound at the mean, one SD apart
    expect(classify(values, 'stddev', 4)).toEqual({ breaks: [2, 3, 5, 7, 9], counts: [1, 5, 1, 1] });
    // odd k: a class one SD wide centred on the mean (1 … 9: mean 5, population SD √(60/9))
    const sd = Math.sqrt(60 / 9);
    const odd = classify([1, 2, 3, 4, 5, 6, 7, 8, 9], 'stddev', 5);
    [1, 5 - 1.5 * sd, 5 - 0.5 * sd, 5 + 0.5 * sd, 5 + 1.5 * sd, 9].forEach((b, i) => expect(odd.breaks[i]).toBeCloseTo(b, 10));
    expect(odd.counts).toEqual([1, 2, 3, 2, 1]);
    // bounds beyond the data are clipped to it, and the classes they would leave empty dropped
    expect(classify([0, 0, 0, 0, 0, 0, 0, 100], 'stddev', 7).breaks.every((b) => b >= 0 && b <= 100)).toBe(true);
  });

  it('manual breaks: the bounds inside the data, sorted, between the minimum and the maximum', () => {
    expect(classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'manual', 5, [7, 3, 100, Number.NaN, 3])).toEqual({ breaks: [1, 3, 7, 10], counts: [3, 4, 3] });
  });
});

describe('typed manual breaks', () => {
  it('reads Turkish and English numbers separated by ";" or spaces', () => {
    expect(parseBreaks('30000; 45.000,5')).toEqual([30000, 45000.5]);
    expect(parseBreaks('12,5 1.250.000  7.5;x')).toEqual([12.5, 1250000, 7.5]);
    expect(parseBreaks('')).toEqual([]);
  });
});

describe('edge cases', () => {
  it('fewer distinct values than classes: one class per distinct value', () => {
    for (const method of ['quantile', 'equal', 'jenks', 'stddev'] as const) {
      expect(classify([1, 1, 2, 2, 3], method, 5), method).toEqual({ breaks: [1, 1, 2, 3], counts: [2, 2, 1] });
    }
  });

  it('leaves out null, undefined, NaN and infinities', () => {
    const { breaks, counts } = classify([null, 3, Number.NaN, 1, undefined, 2, Number.POSITIVE_INFINITY, 4, 5, 6], 'equal', 5);
    expect(breaks).toEqual([1, 2, 3, 4, 5, 6]);
    expect(counts).toEqual([2, 1, 1, 1, 1]);
    expect(classOf(null, breaks)).toBe(-1);
    expect(classOf(Number.NaN, breaks)).toBe(-1);
  });

  it('all values equal: one class', () => {
    for (const method of ['quantile', 'equal', 'jenks', 'stddev', 'manual'] as const) {
      expect(classify([4, 4, 4], method, 5, [3, 5]), method).toEqual({ breaks: [4, 4], counts: [3] });
    }
  });

  it('no values: no classes', () => {
    expect(classify([null, Number.NaN], 'jenks', 5)).toEqual({ breaks: [], counts: [] });
  });

  it('keeps the number of classes within 3 … 9', () => {
    const values = Array.from({ length: 50 }, (_, i) => i * i);
    expect(classify(values, 'equal', 12).breaks).toHaveLength(10);
    expect(classify(values, 'equal', 1).breaks).toHaveLength(4);
    for (let k = 3; k <= 9; k++) expect(classify(values, 'jenks', k).counts, `k=${k}`).toHaveLength(k);
  });

  it('puts values outside manual breaks into the end classes, and a value on a bound into the lower class', () => {
    expect(classOf(-5, [0, 10, 20])).toBe(0);
    expect(classOf(25, [0, 10, 20])).toBe(1);
    expect(classOf(10, [0, 10, 20])).toBe(0);
    expect(classOf(10.0001, [0, 10, 20])).toBe(1);
  });
});

describe('colour schemes', () => {
  // The colorbrewer package (a devDependency) is the reference our copy must equal.
  const file = path.join(import.meta.dirname, '../node_modules/colorbrewer/index.js');
  const context: Record<string, unknown> = {};
  context.globalThis = context;
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), context);
  const brewer = context.colorbrewer as Record<string, Record<number, string[]>> & { schemeGroups: Record<string, string[]> };

  it('are ColorBrewer’s colours for 3 … 9 classes', () => {
    expect(SCHEMES.length).toBeGreaterThanOrEqual(6);
    for (const name of SCHEMES) for (let k = 3; k <= 9; k++) expect(schemeColours(name, k), `${name} ${k}`).toEqual(brewer[name]![k]);
  });

  it('are sequential or diverging as ColorBrewer groups them, and among its colour-blind-safe ones', () => {
    const sequential = [...brewer.schemeGroups.sequential!, ...brewer.schemeGroups.singlehue!];
    for (const name of SEQUENTIAL_SCHEMES) expect(sequential).toContain(name);
    for (const name of DIVERGING_SCHEMES) expect(brewer.schemeGroups.diverging).toContain(name);
    // colorbrewer2.org marks these diverging schemes colour-blind safe at every class count; RdYlGn, Spectral, RdGy are not.
    for (const name of DIVERGING_SCHEMES) expect(['BrBG', 'PiYG', 'PRGn', 'PuOr', 'RdBu']).toContain(name);
  });
});
