/*
 * Classification of a choropleth's values into classes. Pure functions, no DOM.
 *
 * Convention (mapclassify's): `breaks` are the classes' upper bounds, ascending, with the minimum in
 * front: [min, b1, …, bk]. Class 0 is [min, b1], class i is (b_i, b_{i+1}]. Values outside (manual
 * breaks) fall into the first or last class.
 */

export const CLASSIFICATION_METHODS = ['quantile', 'equal', 'jenks', 'stddev', 'manual'] as const;
export type ClassificationMethod = (typeof CLASSIFICATION_METHODS)[number];
export const MIN_CLASSES = 3;
export const MAX_CLASSES = 9;

export interface Classification {
  /** [min, upper bound of class 0, …, upper bound of the last class]; length = classes + 1. */
  breaks: number[];
  /** How many values each class holds. */
  counts: number[];
}

/** The finite numbers of a list of values that may hold null, undefined or NaN, ascending. */
export function finiteSorted(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
}

export function clampClasses(k: number): number {
  return Math.min(MAX_CLASSES, Math.max(MIN_CLASSES, Math.round(Number.isFinite(k) ? k : 5)));
}

/** The class of a value: the first class whose upper bound is ≥ it; -1 for a missing value. */
export function classOf(value: number | null | undefined, breaks: readonly number[]): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return -1;
  const last = breaks.length - 2;
  for (let i = 0; i < last; i++) if (value <= breaks[i + 1]!) return i;
  return last;
}

export function countClasses(values: readonly (number | null | undefined)[], breaks: readonly number[]): number[] {
  const counts = new Array<number>(Math.max(0, breaks.length - 1)).fill(0);
  for (const v of values) {
    const c = classOf(v, breaks);
    if (c >= 0) counts[c]! += 1;
  }
  return counts;
}

/**
 * Quantiles by the nearest-rank definition: the upper bound of class i is the value at rank
 * ceil(n·(i+1)/k) of the sorted values, so each class holds about n/k values and every bound is a
 * data value (a legend shows numbers that occur; interpolated percentiles would not).
 */
export function quantileBreaks(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  const breaks = [sorted[0]!];
  for (let i = 1; i <= k; i++) breaks.push(sorted[Math.max(0, Math.ceil((n * i) / k) - 1)]!);
  return breaks;
}

export function equalIntervalBreaks(sorted: readonly number[], k: number): number[] {
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const width = (max - min) / k;
  return [min, ...Array.from({ length: k - 1 }, (_, i) => min + width * (i + 1)), max];
}

/**
 * Jenks natural breaks: the partition of the sorted values into k consecutive classes with the least
 * sum of squared deviations from the class means (Fisher's exact dynamic programme, as in Jenks 1977
 * and simple-statistics / geostats / mapclassify's FisherJenks). O(k·n²), fine for mahalle counts.
 */
export function jenksBreaks(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  // Prefix sums give any class's sum of squared deviations in O(1).
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    s1[i + 1] = s1[i]! + sorted[i]!;
    s2[i + 1] = s2[i]! + sorted[i]! * sorted[i]!;
  }
  const ssd = (from: number, to: number) => {
    // values [from, to), to > from
    const m = to - from;
    const sum = s1[to]! - s1[from]!;
    return Math.max(0, s2[to]! - s2[from]! - (sum * sum) / m);
  };
  // cost[c][j]: least cost of the first j values in c+1 classes; start[c][j]: where the last class starts.
  const cost: Float64Array[] = [];
  const start: Int32Array[] = [];
  cost.push(Float64Array.from({ length: n + 1 }, (_, j) => (j === 0 ? 0 : ssd(0, j))));
  start.push(new Int32Array(n + 1));
  for (let c = 1; c < k; c++) {
    const row = new Float64Array(n + 1).fill(Infinity);
    const from = new Int32Array(n + 1);
    for (let j = c + 1; j <= n; j++) {
      for (let i = c; i < j; i++) {
        const total = cost[c - 1]![i]! + ssd(i, j);
        if (total < row[j]!) {
          row[j] = total;
          from[j] = i;
        }
      }
    }
    cost.push(row);
    start.push(from);
  }
  const uppers: number[] = [];
  let end = n;
  for (let c = k - 1; c >= 0; c--) {
    uppers.unshift(sorted[end - 1]!);
    end = c > 0 ? start[c]![end]! : 0;
  }
  return [sorted[0]!, ...uppers];
}

/**
 * Standard deviation classes centred on the mean: the middle class (odd k) or the middle bound (even k)
 * sits at the mean, the others are one standard deviation wide; the outer classes reach the minimum and
 * the maximum. Bounds outside the data are clipped to it.
 */
export function standardDeviationBreaks(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(sorted.reduce((a, b) => a + (b - mean) ** 2, 0) / n); // population SD, as mapclassify's StdMean
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  const inner = Array.from({ length: k - 1 }, (_, i) => mean + sd * (i - (k - 2) / 2));
  return [min, ...inner.map((b) => Math.min(max, Math.max(min, b))), max];
}

/** Manual breaks: the upper bounds given (sorted, deduplicated), with the data's minimum and maximum around them. */
export function manualBreaks(sorted: readonly number[], bounds: readonly number[]): number[] {
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const inner = [...new Set(bounds.filter((b) => Number.isFinite(b) && b > min && b < max))].sort((a, b) => a - b);
  return [min, ...inner, max];
}

/**
 * Classifies values. Missing values (null, NaN) are left out and counted nowhere. With fewer distinct
 * values than classes, every distinct value gets a class of its own (fewer classes than asked); with
 * no values there are no classes.
 */
export function classify(
  values: readonly (number | null | undefined)[],
  method: ClassificationMethod,
  classes: number,
  manual: readonly number[] = [],
): Classification {
  const sorted = finiteSorted(values);
  if (sorted.length === 0) return { breaks: [], counts: [] };
  const distinct = [...new Set(sorted)];
  let breaks: number[];
  if (method === 'manual') breaks = manualBreaks(sorted, manual);
  else {
    const k = clampClasses(classes);
    if (distinct.length <= k) breaks = [distinct[0]!, ...distinct];
    else if (method === 'quantile') breaks = quantileBreaks(sorted, k);
    else if (method === 'equal') breaks = equalIntervalBreaks(sorted, k);
    else if (method === 'jenks') breaks = jenksBreaks(sorted, k);
    else breaks = standardDeviationBreaks(sorted, k);
    // Ties (quantiles of repeated values, clipped SD bounds) would make empty classes: drop them.
    breaks = breaks.filter((b, i) => i < 2 || b !== breaks[i - 1]);
  }
  return { breaks, counts: countClasses(sorted, breaks) };
}

/**
 * Manual breaks as an analyst types them: separated by ";" (or spaces), each number in Turkish or
 * English writing — "45.000,5" and "45000.5" are the same; "45.000" is forty-five thousand.
 */
export function parseBreaks(text: string): number[] {
  return text.split(/[;\s]+/).filter(Boolean).map((item) => {
    if (item.includes(',')) return Number(item.replace(/\./g, '').replace(',', '.'));
    if (/^-?\d{1,3}(\.\d{3})+$/.test(item)) return Number(item.replace(/\./g, ''));
    return Number(item);
  }).filter(Number.isFinite);
}
