import { MAHALLE } from './mahalle';
import { apportion, Random } from './random';

export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024] as const;

/** Five-year age groups up to 75+, for population pyramids. */
export const AGE_GROUPS = ['0_4', '5_9', '10_14', '15_19', '20_24', '25_29', '30_34', '35_39', '40_44', '45_49', '50_54', '55_59', '60_64', '65_69', '70_74', '75_plus'] as const;
/** A young district's age structure (shares of the population by group). */
const AGE_SHARES = [7.2, 7.6, 7.9, 7.8, 7.9, 8.3, 8.4, 8.2, 7.6, 6.9, 6.0, 5.0, 4.1, 3.1, 2.2, 1.8];
/** Share of males in each age group: slightly above half in the young, well below in the old. */
const MALE_SHARES = [0.513, 0.513, 0.512, 0.512, 0.51, 0.508, 0.506, 0.504, 0.502, 0.5, 0.497, 0.493, 0.487, 0.478, 0.465, 0.42];

export interface IndicatorDefinition {
  code: string;
  nameTr: string;
  nameEn: string;
  unit: string;
  topic: 'demographics' | 'education' | 'employment' | 'households' | 'socio_cultural';
  source: string;
  synthetic: boolean;
}

const SYNTHETIC = 'Sentetik / synthetic (demo)';

function ageLabel(group: string): string {
  return group === '75_plus' ? '75+' : group.replace('_', '–');
}

export const INDICATORS: IndicatorDefinition[] = [
  { code: 'pop_total', nameTr: 'Toplam nüfus', nameEn: 'Total population', unit: 'kişi', topic: 'demographics', source: 'TÜİK ADNKS', synthetic: false },
  { code: 'pop_male', nameTr: 'Erkek nüfus', nameEn: 'Male population', unit: 'kişi', topic: 'demographics', source: SYNTHETIC, synthetic: true },
  { code: 'pop_female', nameTr: 'Kadın nüfus', nameEn: 'Female population', unit: 'kişi', topic: 'demographics', source: SYNTHETIC, synthetic: true },
  ...AGE_GROUPS.flatMap((g) => [
    { code: `pop_m_${g}`, nameTr: `Erkek nüfus, ${ageLabel(g)} yaş`, nameEn: `Male population aged ${ageLabel(g)}`, unit: 'kişi', topic: 'demographics' as const, source: SYNTHETIC, synthetic: true },
    { code: `pop_f_${g}`, nameTr: `Kadın nüfus, ${ageLabel(g)} yaş`, nameEn: `Female population aged ${ageLabel(g)}`, unit: 'kişi', topic: 'demographics' as const, source: SYNTHETIC, synthetic: true },
  ]),
  { code: 'edu_illiterate', nameTr: 'Okuma yazma bilmeyen (25+)', nameEn: 'Illiterate (25+)', unit: 'kişi', topic: 'education', source: SYNTHETIC, synthetic: true },
  { code: 'edu_primary', nameTr: 'İlkokul mezunu (25+)', nameEn: 'Primary school graduates (25+)', unit: 'kişi', topic: 'education', source: SYNTHETIC, synthetic: true },
  { code: 'edu_secondary', nameTr: 'Ortaokul mezunu (25+)', nameEn: 'Lower secondary graduates (25+)', unit: 'kişi', topic: 'education', source: SYNTHETIC, synthetic: true },
  { code: 'edu_high_school', nameTr: 'Lise mezunu (25+)', nameEn: 'High school graduates (25+)', unit: 'kişi', topic: 'education', source: SYNTHETIC, synthetic: true },
  { code: 'edu_university', nameTr: 'Yükseköğretim mezunu (25+)', nameEn: 'University graduates (25+)', unit: 'kişi', topic: 'education', source: SYNTHETIC, synthetic: true },
  { code: 'labour_force', nameTr: 'İşgücü', nameEn: 'Labour force', unit: 'kişi', topic: 'employment', source: SYNTHETIC, synthetic: true },
  { code: 'employed', nameTr: 'İstihdam edilen', nameEn: 'Employed', unit: 'kişi', topic: 'employment', source: SYNTHETIC, synthetic: true },
  { code: 'unemployed', nameTr: 'İşsiz', nameEn: 'Unemployed', unit: 'kişi', topic: 'employment', source: SYNTHETIC, synthetic: true },
  { code: 'unemployment_rate', nameTr: 'İşsizlik oranı', nameEn: 'Unemployment rate', unit: '%', topic: 'employment', source: SYNTHETIC, synthetic: true },
  { code: 'households', nameTr: 'Hane sayısı', nameEn: 'Households', unit: 'hane', topic: 'households', source: SYNTHETIC, synthetic: true },
  { code: 'avg_household_size', nameTr: 'Ortalama hane büyüklüğü', nameEn: 'Average household size', unit: 'kişi/hane', topic: 'households', source: SYNTHETIC, synthetic: true },
  { code: 'cultural_event_attendance', nameTr: 'Kültürel etkinlik katılımı', nameEn: 'Cultural event attendance', unit: 'kişi', topic: 'socio_cultural', source: SYNTHETIC, synthetic: true },
  { code: 'library_members', nameTr: 'Kütüphane üyeleri', nameEn: 'Library members', unit: 'kişi', topic: 'socio_cultural', source: SYNTHETIC, synthetic: true },
  { code: 'sports_club_members', nameTr: 'Spor kulübü üyeleri', nameEn: 'Sports club members', unit: 'kişi', topic: 'socio_cultural', source: SYNTHETIC, synthetic: true },
];

export interface IndicatorValue {
  uavtCode: string;
  indicatorCode: string;
  year: number;
  value: number;
}

/** Values whose totals agree: age×sex groups sum to the sexes, the sexes to the total; 2023 is TÜİK's. */
export function generateIndicatorValues(random: Random): IndicatorValue[] {
  const values: IndicatorValue[] = [];
  for (const m of MAHALLE) {
    const growth = random.between(-0.01, 0.02);
    const shares = AGE_SHARES.map((s) => s * random.between(0.9, 1.1));
    const maleOffset = random.between(-0.006, 0.006);
    const university = random.between(0.1, 0.2);
    const householdSize = random.between(3.3, 3.9);
    const unemployment = random.between(0.09, 0.15);
    const cultureRate = random.between(0.12, 0.3);
    const libraryRate = random.between(0.02, 0.05);
    const sportsRate = random.between(0.01, 0.03);
    for (const year of YEARS) {
      const add = (indicatorCode: string, value: number) => values.push({ uavtCode: m.uavtCode, indicatorCode, year, value });
      // 2023 is TÜİK's figure; other years follow the mahalle's trend with a little year-to-year noise.
      const total = year === 2023 ? m.population2023 : Math.round(m.population2023 * (1 + growth) ** (year - 2023) * (1 + random.normal(0, 0.002)));
      const groups = apportion(total, shares);
      const males = groups.map((g, i) => Math.round(g * (MALE_SHARES[i]! + maleOffset)));
      const females = groups.map((g, i) => g - males[i]!);
      add('pop_total', total);
      add('pop_male', males.reduce((a, b) => a + b, 0));
      add('pop_female', females.reduce((a, b) => a + b, 0));
      AGE_GROUPS.forEach((g, i) => {
        add(`pop_m_${g}`, males[i]!);
        add(`pop_f_${g}`, females[i]!);
      });
      const adults25 = groups.slice(5).reduce((a, b) => a + b, 0);
      const [illiterate, primary, secondary, highSchool, uni] = apportion(adults25, [0.03, 0.34, 0.2, 0.43 - university, university]);
      add('edu_illiterate', illiterate!);
      add('edu_primary', primary!);
      add('edu_secondary', secondary!);
      add('edu_high_school', highSchool!);
      add('edu_university', uni!);
      const adults15 = groups.slice(3).reduce((a, b) => a + b, 0);
      const labourForce = Math.round(adults15 * 0.52);
      const unemployed = Math.round(labourForce * unemployment * (year === 2020 ? 1.2 : 1));
      add('labour_force', labourForce);
      add('employed', labourForce - unemployed);
      add('unemployed', unemployed);
      add('unemployment_rate', Math.round((1000 * unemployed) / labourForce) / 10);
      const households = Math.round(total / householdSize);
      add('households', households);
      add('avg_household_size', Math.round((100 * total) / households) / 100);
      // 2020–2021: the pandemic years, with few events and closed halls.
      const pandemic = year === 2020 ? 0.3 : year === 2021 ? 0.6 : 1;
      add('cultural_event_attendance', Math.round(total * cultureRate * pandemic * (1 + random.normal(0, 0.05))));
      add('library_members', Math.round(total * libraryRate * (1 + 0.04 * (year - 2019)) * (1 + random.normal(0, 0.02))));
      add('sports_club_members', Math.round(total * sportsRate * (year === 2020 ? 0.8 : 1) * (1 + random.normal(0, 0.03))));
    }
  }
  return values;
}
