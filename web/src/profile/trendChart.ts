/*
 * A small line chart over time: the mahalle (solid, a dot per point with data-time and data-value)
 * and optionally the median mahalle (dashed), with the first and last time and the value range
 * written below it.
 */
import { formatNumber } from '../i18n';
import { s, title } from './svg';
import { pathOf, scaleTrends } from './trend';

const BOX = { width: 150, height: 64, pad: 6 };

export interface TrendPoint {
  time: number;
  /** What the time axis says, e.g. `2024` or `2024-03`. */
  label: string;
  value: number;
  median: number | null;
}

export function trendChart(name: string, unit: string | null, points: TrendPoint[], code: string): SVGSVGElement {
  const medians = points.filter((p) => p.median !== null).map((p) => ({ time: p.time, value: p.median! }));
  const { lines, yMin, yMax } = scaleTrends([points, medians], BOX);
  const first = points[0];
  const last = points[points.length - 1];
  const fmt = (v: number) => `${formatNumber(v, { maximumFractionDigits: 2 })}${unit && unit !== 'kişi' ? ` ${unit}` : ''}`;
  const description = first && last ? `${name}: ${first.label} ${fmt(first.value)}, ${last.label} ${fmt(last.value)}` : name;
  const svg = s('svg', { class: 'trend', viewBox: `0 0 ${BOX.width} ${BOX.height + 14}`, role: 'img', 'aria-label': description, 'data-code': code }, title(description));
  if (medians.length) svg.append(s('path', { class: 'median', d: pathOf(lines[1]!) }));
  svg.append(
    s('path', { class: 'value', d: pathOf(lines[0]!) }),
    ...lines[0]!.map((p, i) => s('circle', { class: 'value', cx: p.x, cy: p.y, r: 1.8, 'data-time': points[i]!.label, 'data-value': points[i]!.value })),
  );
  if (first && last) {
    const y = BOX.height + 11;
    svg.append(
      s('text', { class: 'axis', x: 0, y }, first.label),
      s('text', { class: 'axis', x: BOX.width, y, 'text-anchor': 'end' }, last.label),
      s('text', { class: 'axis', x: BOX.width / 2, y, 'text-anchor': 'middle' }, `${formatNumber(yMin, { maximumFractionDigits: 1 })}–${formatNumber(yMax, { maximumFractionDigits: 1 })}`),
    );
  }
  return svg;
}
