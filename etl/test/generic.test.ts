import fs from 'node:fs';
import ExcelJS from 'exceljs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '@kbs/core';
import { createGenericDataset, EtlError, loadDataset } from '@kbs/etl';
import { columnName, inferType } from '../src/pipelines/generic';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

describe('type inference', () => {
  it.each([
    [['1', '2', '44.709'], 'integer'],
    [['3,5', '2', ''], 'double'],
    [['12345678901'], 'bigint'],
    [['evet', 'hayır'], 'boolean'],
    [['2024-01-31', '2023-12-01'], 'date'],
    [['2024-01-31T10:00:00+03:00'], 'timestamptz'],
    // An Excel date-only cell, as exceljs hands it over.
    [['2020-05-19T00:00:00.000Z', '2024-02-29T00:00:00Z', ''], 'date'],
    [['2020-05-19T00:00:00.000Z', '2020-05-19T09:30:00.000Z'], 'timestamptz'],
    [['2020-05-19T00:00:00.000+03:00'], 'timestamptz'],
    [['2023-02-29T00:00:00.000Z'], 'text'],
    [['0532', '0212'], 'text'],
    [['Bağcılar', '12'], 'text'],
    [[null, ''], 'text'],
  ])('infers %j as %s', (values, type) => {
    expect(inferType(values)).toBe(type);
  });

  it('makes safe, unique column names from Turkish headers', () => {
    const taken = new Set<string>();
    expect(['Mahalle Adı', 'Nüfus (2023)', 'Nüfus (2023)', '2024 Bütçe', 'id', 'GEOM'].map((h) => columnName(h, taken)))
      .toEqual(['mahalle_adi', 'nufus_2023', 'nufus_2023_2', 'c_2024_butce', 'id_1', 'geom_1']);
  });
});

describe.each(ENGINES)('a new dataset from any table on the %s engine', (engine) => {
  let platform: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-generic-'));
  });
  afterAll(async () => {
    await platform?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('infers columns, creates an unpublished internal dataset and loads it as version 1', async () => {
    const file = path.join(dir, 'muhtarliklar.csv');
    fs.writeFileSync(file, 'Mahalle Adı;Muhtar Tel;Açılış Tarihi;Oda Sayısı;Enlem;Boylam\nİnönü;0212 555 00 01;2019-04-01;3;41,0291;28,8506\nGüneşli;0212 555 00 02;2020-09-15;2;41,0383;28,8293\n');
    const definition = await createGenericDataset(platform.db.knex, file, { id: 'muhtarliklar', titleTr: 'Muhtarlıklar' });
    expect(definition.columns.map((c) => [c.name, c.type, c.privacy])).toEqual([
      ['id', 'bigint', 'internal'],
      ['mahalle_adi', 'text', 'internal'],
      ['muhtar_tel', 'text', 'internal'],
      ['acilis_tarihi', 'date', 'internal'],
      ['oda_sayisi', 'integer', 'internal'],
    ]);
    expect(definition).toMatchObject({ geometryType: 'Point', published: false, access: 'internal' });
    const report = await loadDataset(platform.db.knex, file, 'muhtarliklar');
    expect(report).toMatchObject({ status: 'succeeded', rowsLoaded: 2 });
    const rows = await platform.db.knex('muhtarliklar').select('mahalle_adi', 'oda_sayisi', platform.db.knex.raw('ST_X(geom) AS x')).orderBy('id');
    expect(rows).toEqual([{ mahalle_adi: 'İnönü', oda_sayisi: 3, x: 28.8506 }, { mahalle_adi: 'Güneşli', oda_sayisi: 2, x: 28.8293 }]);
    expect((await getDataset(platform.db.knex, 'muhtarliklar'))!.currentVersion).toBe(1);
    // Not public until a publisher says so.
    expect((await fetch(`${platform.url}/ogc/collections/muhtarliklar`)).status).toBe(404);
  });

  it('types a spreadsheet column of dates as date, each day as entered', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Kurslar');
    sheet.addRow(['Kurs', 'Başlangıç', 'Kayıt Zamanı']);
    sheet.addRow(['Resim', new Date(Date.UTC(2024, 1, 29)), new Date(Date.UTC(2024, 1, 1, 9, 30))]);
    sheet.addRow(['Satranç', new Date(Date.UTC(2024, 9, 1)), new Date(Date.UTC(2024, 8, 2))]);
    const file = path.join(dir, 'kurslar.xlsx');
    await workbook.xlsx.writeFile(file);
    const definition = await createGenericDataset(platform.db.knex, file, { id: 'kurslar', titleTr: 'Kurslar' });
    expect(definition.columns.filter((c) => c.name !== 'id').map((c) => [c.name, c.type])).toEqual([
      ['kurs', 'text'], ['baslangic', 'date'], ['kayit_zamani', 'timestamptz'],
    ]);
    expect(await loadDataset(platform.db.knex, file, 'kurslar')).toMatchObject({ status: 'succeeded', rowsLoaded: 2 });
    const rows = await platform.db.knex('kurslar').select(platform.db.knex.raw("baslangic::text AS day, to_char(kayit_zamani AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at")).orderBy('id');
    expect(rows).toEqual([{ day: '2024-02-29', at: '2024-02-01 09:30' }, { day: '2024-10-01', at: '2024-09-02 00:00' }]);
  });

  it('refuses a taken id, a bad id and an empty file, creating nothing', async () => {
    const file = path.join(dir, 'x.csv');
    fs.writeFileSync(file, 'a,b\n1,2\n');
    await expect(createGenericDataset(platform.db.knex, file, { id: 'facilities', titleTr: 'x' })).rejects.toThrowError(/exists already/);
    await expect(createGenericDataset(platform.db.knex, file, { id: 'Bad Id', titleTr: 'x' })).rejects.toThrowError(EtlError);
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, 'a,b\n');
    await expect(createGenericDataset(platform.db.knex, empty, { id: 'bos', titleTr: 'Boş' })).rejects.toThrowError(/no records/);
    expect(await platform.db.knex('catalog.datasets').where({ id: 'bos' }).first()).toBeUndefined();
  });
});
