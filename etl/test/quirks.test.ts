import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtlError, loadDataset, validateDataset } from '@kbs/etl';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

const CP1254: Record<string, number> = { İ: 0xdd, ı: 0xfd, Ş: 0xde, ş: 0xfe, Ğ: 0xd0, ğ: 0xf0, Ö: 0xd6, ö: 0xf6, Ü: 0xdc, ü: 0xfc, Ç: 0xc7, ç: 0xe7 };
const toCp1254 = (text: string) => Buffer.from([...text].map((c) => CP1254[c] ?? c.charCodeAt(0)));

describe.each(ENGINES)('a department spreadsheet export on the %s engine', (engine) => {
  let platform: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-quirks-'));
  });
  afterAll(async () => {
    await platform?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes windows-1254, semicolons, CRLF, Turkish headers and numbers, swapped and missing mahalle', async () => {
    const lines = [
      'facility_id;category;name;address;mahalle;ENLEM;BOYLAM;capacity',
      'Q1;school;İnönü İlkokulu;Çınar Sk. 3;İNÖNÜ MAH.;41,0291;28,8506;1.250',
      'Q2;park;Evren Parkı;;Evren;28,8169;41,0361;', // swapped
      'Q3;library;Şehir Kütüphanesi;;;41,0324;28,8642;80', // no mahalle: matched by position
      'Q4;mosque;Yanlış Camii;;Göztepe;41,0291;28,8506;', // declares Göztepe, lies in İnönü
      'Q5;park;Sıfır Parkı;;Merkez;0;0;', // placeholder
    ];
    const file = path.join(dir, 'tesisler.csv');
    fs.writeFileSync(file, toCp1254(lines.join('\r\n')));
    const report = await loadDataset(platform.db.knex, file, 'facilities', { maxRejectedShare: 0.3 });
    expect(report.status).toBe('succeeded');
    expect(report.rowsLoaded).toBe(4);
    expect(report.rejections).toEqual([{ position: 'line 6', reason: 'placeholder coordinates (0, 0)' }]);
    expect(report.notes).toMatchObject({ 'latitude and longitude swapped': 1 });
    expect(report.warnings).toEqual([
      '1 rows had no mahalle and were matched by their position',
      '1 rows name a mahalle that does not contain their position (e.g. Q4)',
    ]);
    const rows = await platform.db.knex('facilities').select('id', 'name', 'uavt_code', 'attributes', platform.db.knex.raw('ST_X(geom) AS x')).orderBy('id');
    expect(rows).toEqual([
      { id: 'Q1', name: 'İnönü İlkokulu', uavt_code: '40159', attributes: { capacity: 1250 }, x: 28.8506 },
      { id: 'Q2', name: 'Evren Parkı', uavt_code: '40169', attributes: {}, x: 28.8169 },
      { id: 'Q3', name: 'Şehir Kütüphanesi', uavt_code: '40162', attributes: { capacity: 80 }, x: 28.8642 },
      { id: 'Q4', name: 'Yanlış Camii', uavt_code: '40175', attributes: {}, x: 28.8506 },
    ]);
  });

  it('validates without writing, and refuses a file with no records', async () => {
    const before = await platform.db.knex('catalog.etl_runs').count({ n: '*' }).first();
    const file = path.join(dir, 'check.csv');
    fs.writeFileSync(file, 'facility_id,category,name,latitude,longitude\nV1,park,Park,41.03,28.86\nV2,zoo,Hayvanat Bahçesi,41.03,28.86\n');
    const report = await validateDataset(platform.db.knex, file, 'facilities');
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsRejected: 1, acceptable: false });
    expect(report.rejections[0]).toMatchObject({ position: 'line 3' });
    expect((await platform.db.knex('catalog.etl_runs').count({ n: '*' }).first())!.n).toBe(before!.n);
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, 'facility_id,category,name,latitude,longitude\n');
    await expect(loadDataset(platform.db.knex, empty, 'facilities')).rejects.toThrowError(EtlError);
    await expect(loadDataset(platform.db.knex, path.join(dir, 'missing.csv'), 'facilities')).rejects.toThrowError(/no such file/);
    await expect(loadDataset(platform.db.knex, file, 'nothing')).rejects.toThrowError(/no pipeline loads dataset "nothing"/);
  });
});
