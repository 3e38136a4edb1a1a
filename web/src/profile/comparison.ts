/*
 * The mahalle beside the district, per indicator, for one year: the mahalle's value, the median
 * mahalle and the district figure (the sum of counts, the population-weighted mean of rates). The
 * age × sex groups are left to the pyramid.
 */
import type { ProfileIndicator } from './profileApi';

export interface ComparisonRow {
  indicator: ProfileIndicator;
  value: number;
  median: number | null;
  district: number | null;
  /** value / median, when both are known and the median is not 0. */
  ratio: number | null;
}

const AGE_SEX_GROUP = /^pop_[mf]_/;

export function comparisonRows(indicators: ProfileIndicator[], year: number): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const indicator of indicators) {
    if (AGE_SEX_GROUP.test(indicator.code)) continue;
    const v = indicator.values.find((x) => x.year === year);
    if (!v) continue;
    const median = v.district_median;
    rows.push({ indicator, value: v.value, median, district: v.district, ratio: median ? v.value / median : null });
  }
  return rows;
}

/** The latest year with a total population: the year the profile shows. */
export function latestYear(indicators: ProfileIndicator[]): number | null {
  const years = indicators.find((i) => i.code === 'pop_total')?.values.map((v) => v.year) ?? [];
  return years.length ? Math.max(...years) : null;
}
