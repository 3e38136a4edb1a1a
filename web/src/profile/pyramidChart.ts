/*
 * The pyramid as SVG: one row per age group, males left of the labels, females right. Each bar
 * carries data-group, data-sex and data-value (the count it stands for), which the browser test reads.
 */
import { formatNumber, translate } from '../i18n';
import { scalePyramid, type PyramidRow } from './pyramid';
import { s, title } from './svg';

const WIDTH = 320;
const LABEL_WIDTH = 44;
const ROW = 13;
const GAP = 2;
const AXIS = 16;
export const HALF_WIDTH = (WIDTH - LABEL_WIDTH) / 2;

export function pyramidChart(rows: PyramidRow[], year: number): SVGSVGElement {
  const bars = scalePyramid(rows, HALF_WIDTH);
  const height = bars.length * (ROW + GAP) + AXIS;
  const male = translate('profileMale');
  const female = translate('profileFemale');
  const sum = (key: 'male' | 'female') => rows.reduce((a, r) => a + r[key], 0);
  const svg = s('svg', {
    class: 'pyramid',
    viewBox: `0 0 ${WIDTH} ${height}`,
    role: 'img',
    'aria-label': `${translate('profilePyramidLabel')}, ${year}: ${male} ${formatNumber(sum('male'))}, ${female} ${formatNumber(sum('female'))}`,
  });
  // Youngest at the bottom.
  [...bars].reverse().forEach((bar, i) => {
    const y = i * (ROW + GAP);
    const centre = y + ROW / 2;
    svg.append(
      s('rect', { class: 'male', x: HALF_WIDTH - bar.maleWidth, y, width: bar.maleWidth, height: ROW, 'data-group': bar.group, 'data-sex': 'male', 'data-value': bar.male },
        title(`${male}, ${bar.label}: ${formatNumber(bar.male)}`)),
      s('text', { class: 'age', x: WIDTH / 2, y: centre, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, bar.label),
      s('rect', { class: 'female', x: HALF_WIDTH + LABEL_WIDTH, y, width: bar.femaleWidth, height: ROW, 'data-group': bar.group, 'data-sex': 'female', 'data-value': bar.female },
        title(`${female}, ${bar.label}: ${formatNumber(bar.female)}`)),
    );
  });
  const axisY = height - 4;
  svg.append(
    s('text', { class: 'axis', x: 0, y: axisY }, `◀ ${male} ${formatNumber(sum('male'))}`),
    s('text', { class: 'axis', x: WIDTH, y: axisY, 'text-anchor': 'end' }, `${female} ${formatNumber(sum('female'))} ▶`),
  );
  return svg;
}
