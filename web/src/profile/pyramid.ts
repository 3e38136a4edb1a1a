/*
 * The population pyramid: age groups × sex from the profile's `pop_m_<group>` / `pop_f_<group>`
 * indicators (data/src/generate/indicators.ts), youngest at the bottom, males left, females right,
 * both halves on one scale.
 */
import type { ProfileIndicator } from './profileApi';

export interface PyramidRow {
  /** The group as in the indicator code: `0_4`, …, `75_plus`. */
  group: string;
  /** `0–4`, …, `75+`. */
  label: string;
  male: number;
  female: number;
}

export interface PyramidBar extends PyramidRow {
  maleWidth: number;
  femaleWidth: number;
}

const AGE_CODE = /^pop_([mf])_(\d+)_(\d+|plus)$/;

export function ageLabel(group: string): string {
  return group.endsWith('_plus') ? `${group.slice(0, -5)}+` : group.replace('_', '–');
}

/** The groups of `year`, youngest first; groups lacking either sex are left out. */
export function pyramidRows(indicators: ProfileIndicator[], year: number): PyramidRow[] {
  const groups = new Map<string, { male?: number; female?: number }>();
  for (const indicator of indicators) {
    const match = AGE_CODE.exec(indicator.code);
    const value = indicator.values.find((v) => v.year === year)?.value;
    if (!match || value === undefined) continue;
    const group = `${match[2]}_${match[3]}`;
    const row = groups.get(group) ?? {};
    row[match[1] === 'm' ? 'male' : 'female'] = value;
    groups.set(group, row);
  }
  return [...groups]
    .filter((entry): entry is [string, { male: number; female: number }] => entry[1].male !== undefined && entry[1].female !== undefined)
    .map(([group, { male, female }]) => ({ group, label: ageLabel(group), male, female }))
    .sort((a, b) => parseInt(a.group, 10) - parseInt(b.group, 10));
}

/** Bar lengths: the largest group of either sex spans `halfWidth`. */
export function scalePyramid(rows: PyramidRow[], halfWidth: number): PyramidBar[] {
  const largest = Math.max(0, ...rows.flatMap((r) => [r.male, r.female]));
  const scale = largest > 0 ? halfWidth / largest : 0;
  return rows.map((r) => ({ ...r, maleWidth: r.male * scale, femaleWidth: r.female * scale }));
}
