/* Small line charts of values over time (years, or months as fractional years): pure scaling to SVG coordinates (y grows downwards). */

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  width: number;
  height: number;
  /** Space left free on every side. */
  pad: number;
}

export interface ScaledTrends {
  /** Each series' points, in the order given. */
  lines: Point[][];
  yMin: number;
  yMax: number;
}

/**
 * Puts every series on one pair of axes: x from the first to the last time across all series, y from
 * the smallest to the largest value (a flat series sits in the middle).
 */
export function scaleTrends(series: { time: number; value: number }[][], box: Box): ScaledTrends {
  const all = series.flat();
  if (all.length === 0) return { lines: series.map(() => []), yMin: 0, yMax: 0 };
  const times = all.map((p) => p.time);
  const values = all.map((p) => p.value);
  const [xMin, xMax] = [Math.min(...times), Math.max(...times)];
  const [yMin, yMax] = [Math.min(...values), Math.max(...values)];
  const innerW = box.width - 2 * box.pad;
  const innerH = box.height - 2 * box.pad;
  const x = (time: number) => box.pad + (xMax === xMin ? innerW / 2 : ((time - xMin) / (xMax - xMin)) * innerW);
  const y = (value: number) => box.pad + (yMax === yMin ? innerH / 2 : ((yMax - value) / (yMax - yMin)) * innerH);
  return { lines: series.map((s) => s.map((p) => ({ x: x(p.time), y: y(p.value) }))), yMin, yMax };
}

/** An SVG path through the points (2 decimals). */
export function pathOf(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(2)},${p.y.toFixed(2)}`).join(' ');
}
