/*
 * Indicator tables in the shapes they arrive in — long, wide by year, wide by indicator — with the
 * mahalle as a UAVT code, a name, or a TÜİK packed hierarchy; loaded through the real pipeline on each
 * engine and compared value by value.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtlError, loadDataset } from '@kbs/etl';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { detectIndicatorLayout, indicatorRows, numberKindOf, resolvePlace } from '../src/pipelines/indicatorLayouts';
import type { NeighbourhoodMatcher } from '../src/matching';

const MATCHER: NeighbourhoodMatcher = {
  byName: (name) => ({ 'yavuz selim': '40165', inonu: '40159', kirazli: '40166', evren: '40169', '15 temmuz': '40169' } as Record<string, string>)[name.toLocaleLowerCase('tr').replace(/ mah(allesi|\.)?$/, '').replace('ö', 'o').replace('ü', 'u').replace('ı', 'i').replace('İ', 'i').trim()] ?? null,
  hasCode: (code) => ['40165', '40159', '40166', '40169'].includes(code),
};
const KNOWN = new Map([['pop_total', numberKindOf('kişi')], ['households', numberKindOf('hane')], ['literacy_rate', numberKindOf('%')]] as const);

describe('indicator layouts (pure)', () => {
  it('tells long, wide-by-year and wide-by-indicator tables apart, and says when it cannot', () => {
    expect(detectIndicatorLayout(['uavt_code', 'indicator_code', 'year', 'value'], KNOWN)).toMatchObject({ kind: 'long' });
    expect(detectIndicatorLayout(['Mahalle Adı', 'Gösterge', '2022', '2023'], KNOWN)).toMatchObject({ kind: 'wide-years', place: 'Mahalle Adı', indicator: 'Gösterge' });
    expect(detectIndicatorLayout(['Mahalle', 'Yıl', 'POP_TOTAL', 'households', 'notlar'], KNOWN)).toMatchObject({ kind: 'wide-indicators', year: 'Yıl' });
    expect(detectIndicatorLayout(['a', 'b'], KNOWN)).toMatchObject({ error: expect.stringMatching(/cannot tell the layout/) });
  });

  it('finds the mahalle in codes, names and TÜİK hierarchies, and names what is not in Bağcılar', () => {
    expect(resolvePlace('40165', MATCHER)).toEqual({ code: '40165' });
    expect(resolvePlace('İstanbul(Bağcılar/Yavuz Selim Mah.)-40165', MATCHER)).toEqual({ code: '40165' });
    expect(resolvePlace('İSTANBUL-BAĞCILAR-KİRAZLI MAH.', MATCHER)).toEqual({ code: '40166' });
    expect(resolvePlace('İstanbul > Bağcılar > Evren', MATCHER)).toEqual({ code: '40169' });
    expect(resolvePlace('İstanbul(Esenler/Menderes Mah.)-40300', MATCHER)).toEqual({ reject: '"İstanbul(Esenler/Menderes Mah.)-40300" is not in Bağcılar' });
    expect(resolvePlace('99999', MATCHER)).toEqual({ reject: 'UAVT code 99999 is not a mahalle of Bağcılar' });
  });

  it('reads Turkish numbers by the indicator’s unit: counts and measures', () => {
    const layout = detectIndicatorLayout(['mahalle', 'yil', 'pop_total', 'literacy_rate'], KNOWN);
    if ('error' in layout) throw new Error(layout.error);
    expect(indicatorRows({ mahalle: 'İnönü', yil: '2023', pop_total: '22.920', literacy_rate: '97,5' }, layout, MATCHER, KNOWN)).toEqual({
      rows: [
        { uavt_code: '40159', indicator_code: 'pop_total', year: 2023, value: 22920 },
        { uavt_code: '40159', indicator_code: 'literacy_rate', year: 2023, value: 97.5 },
      ],
    });
    expect(indicatorRows({ mahalle: 'İnönü', yil: '2023', pop_total: 'yok' }, layout, MATCHER, KNOWN)).toEqual({ reject: 'pop_total: "yok" is not a number' });
  });
});

describe.each(ENGINES)('indicator tables loaded on the %s engine', (engine) => {
  let platform: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-indicators-'));
  });
  afterAll(async () => {
    await platform?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const values = async () =>
    (await platform.db.knex('public.indicator_values').select('uavt_code', 'indicator_code', 'year', 'value').orderBy(['uavt_code', 'indicator_code', 'year']))
      .map((r) => `${r.uavt_code} ${r.indicator_code} ${r.year} ${r.value}`);

  it('loads the same figures from a wide-by-year TÜİK export as from the long table', async () => {
    const wide = path.join(dir, 'tuik.csv');
    fs.writeFileSync(wide, [
      'İl-İlçe-Mahalle;Gösterge;2022;2023',
      'İstanbul(Bağcılar/Yavuz Selim Mah.)-40165;pop_total;44.100;44.709',
      'İstanbul(Bağcılar/İnönü Mah.)-40159;pop_total;22.500;22.920',
      'İSTANBUL-BAĞCILAR-KİRAZLI MAH.;pop_total;;31.002',
      'İstanbul(Esenler/Menderes Mah.)-40300;pop_total;1;2',
    ].join('\n'));
    const report = await loadDataset(platform.db.knex, wide, 'indicator_values', { maxRejectedShare: 0.3 });
    expect(report).toMatchObject({ status: 'succeeded', rowsRead: 4, rowsLoaded: 3, rowsRejected: 1 }); // records; they hold 5 figures
    expect(report.rejections).toEqual([{ position: 'line 5', reason: '"İstanbul(Esenler/Menderes Mah.)-40300" is not in Bağcılar' }]);
    const fromWide = await values();
    const long = path.join(dir, 'long.csv');
    fs.writeFileSync(long, ['uavt_code,indicator_code,year,value', '40165,pop_total,2022,44100', '40165,pop_total,2023,44709', '40159,pop_total,2022,22500', '40159,pop_total,2023,22920', '40166,pop_total,2023,31002'].join('\n'));
    await loadDataset(platform.db.knex, long, 'indicator_values');
    expect(await values()).toEqual(fromWide);
    expect(fromWide).toHaveLength(5);
  });

  it('loads a wide-by-indicator sheet by mahalle name, and refuses a table it cannot read', async () => {
    const file = path.join(dir, 'by-indicator.csv');
    fs.writeFileSync(file, ['Mahalle,Yıl,pop_total,pop_male', 'Yavuz Selim Mahallesi,2024,"45.001","22.600"', 'EVREN MAH.,2024,"30.000",'].join('\n'));
    const report = await loadDataset(platform.db.knex, file, 'indicator_values');
    expect(report).toMatchObject({ status: 'succeeded', rowsLoaded: 2, rowsRejected: 0 });
    expect(await values()).toEqual(['40165 pop_male 2024 22600', '40165 pop_total 2024 45001', '40169 pop_total 2024 30000']);
    const before = await values();
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'a,b\n1,2\n');
    await expect(loadDataset(platform.db.knex, bad, 'indicator_values')).rejects.toThrowError(EtlError);
    await expect(loadDataset(platform.db.knex, bad, 'indicator_values')).rejects.toThrowError(/line 2: cannot tell the layout/);
    expect(await values()).toEqual(before);
  });
});
