import { describe, expect, it } from 'vitest';
import { titleIn } from '../src/panel/featureAttributes';
import { comparisonRows, latestYear } from '../src/profile/comparison';
import type { ProfileIndicator } from '../src/profile/profileApi';
import { ageLabel, pyramidRows, scalePyramid } from '../src/profile/pyramid';
import { pathOf, scaleTrends } from '../src/profile/trend';

const indicator = (code: string, values: [year: number, value: number, median?: number][], unit = 'kişi'): ProfileIndicator => ({
  code, name_tr: code, name_en: code, unit, topic: 'demographics', synthetic: true,
  values: values.map(([year, value, median]) => ({ year, value, district: value * 22, district_median: median ?? null })),
});

/** Three age groups given out of order, two years, one group lacking its females in 2024. */
const FIXTURE: ProfileIndicator[] = [
  indicator('pop_total', [[2023, 100], [2024, 110]]),
  indicator('pop_m_75_plus', [[2023, 2], [2024, 3]]),
  indicator('pop_f_75_plus', [[2023, 4], [2024, 5]]),
  indicator('pop_m_0_4', [[2023, 20], [2024, 24]]),
  indicator('pop_f_0_4', [[2023, 19], [2024, 22]]),
  indicator('pop_m_10_14', [[2023, 30], [2024, 31]]),
  indicator('pop_f_10_14', [[2023, 25]]),
  indicator('unemployment_rate', [[2023, 12.5, 10], [2024, 9, 10]], '%'),
];

describe('the population pyramid', () => {
  it('takes the age × sex groups of a year, youngest first, leaving out a group with one sex missing', () => {
    expect(pyramidRows(FIXTURE, 2023)).toEqual([
      { group: '0_4', label: '0–4', male: 20, female: 19 },
      { group: '10_14', label: '10–14', male: 30, female: 25 },
      { group: '75_plus', label: '75+', male: 2, female: 4 },
    ]);
    expect(pyramidRows(FIXTURE, 2024).map((r) => r.group)).toEqual(['0_4', '75_plus']);
    expect(pyramidRows(FIXTURE, 2000)).toEqual([]);
  });

  it('scales both sexes on one scale: the largest group spans the half width', () => {
    const bars = scalePyramid(pyramidRows(FIXTURE, 2023), 150);
    expect(bars.map((b) => [b.maleWidth, b.femaleWidth])).toEqual([[100, 95], [150, 125], [10, 20]]);
    expect(scalePyramid([{ group: '0_4', label: '0–4', male: 0, female: 0 }], 150)[0]).toMatchObject({ maleWidth: 0, femaleWidth: 0 });
  });

  it('labels the groups as people read them', () => {
    expect([ageLabel('5_9'), ageLabel('75_plus'), ageLabel('85_plus')]).toEqual(['5–9', '75+', '85+']);
  });
});

describe('trend scaling', () => {
  const box = { width: 110, height: 60, pad: 5 };

  it('puts all series on one pair of axes, y growing downwards', () => {
    const { lines, yMin, yMax } = scaleTrends([
      [{ time: 2019, value: 10 }, { time: 2021, value: 30 }, { time: 2024, value: 20 }],
      [{ time: 2019, value: 20 }, { time: 2024, value: 20 }],
    ], box);
    expect([yMin, yMax]).toEqual([10, 30]);
    expect(lines[0]).toEqual([{ x: 5, y: 55 }, { x: 45, y: 5 }, { x: 105, y: 30 }]);
    expect(lines[1]).toEqual([{ x: 5, y: 30 }, { x: 105, y: 30 }]);
    expect(pathOf(lines[0]!)).toBe('M5.00,55.00 L45.00,5.00 L105.00,30.00');
  });

  it('keeps a flat series and a single point in the middle, and an empty one empty', () => {
    expect(scaleTrends([[{ time: 2020, value: 7 }, { time: 2022, value: 7 }]], box).lines[0]).toEqual([{ x: 5, y: 30 }, { x: 105, y: 30 }]);
    expect(scaleTrends([[{ time: 2020, value: 7 }]], box).lines[0]).toEqual([{ x: 55, y: 30 }]);
    expect(scaleTrends([[], []], box)).toEqual({ lines: [[], []], yMin: 0, yMax: 0 });
  });
});

describe('the comparison with the district', () => {
  it('gives every indicator but the age groups, the value beside the median mahalle and the district', () => {
    const rows = comparisonRows(FIXTURE, 2023);
    expect(rows.map((r) => r.indicator.code)).toEqual(['pop_total', 'unemployment_rate']);
    expect(rows[1]).toMatchObject({ value: 12.5, median: 10, district: 275, ratio: 1.25 });
    expect(rows[0]).toMatchObject({ value: 100, median: null, ratio: null });
    expect(latestYear(FIXTURE)).toBe(2024);
    expect(latestYear([])).toBeNull();
  });
});

describe('catalog column titles', () => {
  it('takes the part of the current language from "Türkçe / English"', () => {
    expect(titleIn('Adı / Name', 'tr')).toBe('Adı');
    expect(titleIn('Adı / Name', 'en')).toBe('Name');
    expect(titleIn('Mahalle', 'en')).toBe('Mahalle');
  });
});
