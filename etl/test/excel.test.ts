import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtlError } from '../src/errors';
import { readSource } from '../src/readers';
import type { SourceRecord } from '../src/readers/types';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-excel-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(file: string, options = {}): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const batch of readSource(file, options)) out.push(...batch);
  return out;
}

describe('Excel readers', () => {
  let xlsx: string;
  beforeAll(async () => {
    // A department spreadsheet: a title row, a blank row, then the table with numbers, dates, formulas.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Tesisler');
    sheet.addRow([]);
    sheet.addRow(['facility_id', 'name', 'mahalle', 'capacity', 'opened', 'double']);
    sheet.addRow(['X1', 'Çınar Kütüphanesi', 'ÇINAR MAH.', 120, new Date(Date.UTC(2020, 4, 19)), { formula: 'D3*2', result: 240 }]);
    sheet.addRow(['X2', { richText: [{ text: 'Güneşli ' }, { text: 'Parkı', font: { bold: true } }] }, 'Güneşli', null, null, null]);
    workbook.addWorksheet('Notlar').addRow(['ignored']);
    xlsx = path.join(dir, 'tesisler.xlsx');
    await workbook.xlsx.writeFile(xlsx);
  });

  it('reads the first worksheet of an .xlsx, header from the first non-empty row', async () => {
    const records = await read(xlsx);
    expect(records.map((r) => [r.position, r.values])).toEqual([
      ['row 3', { facility_id: 'X1', name: 'Çınar Kütüphanesi', mahalle: 'ÇINAR MAH.', capacity: 120, opened: '2020-05-19T00:00:00.000Z', double: 240 }],
      ['row 4', { facility_id: 'X2', name: 'Güneşli Parkı', mahalle: 'Güneşli', capacity: null, opened: null, double: null }],
    ]);
  });

  it('skips the title lines above a sheet\'s header and notes them; a sheet of one column keeps its first row as header', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Parklar');
    sheet.addRow(['BAĞCILAR BELEDİYESİ PARK LİSTESİ']);
    sheet.addRow([null, 'Tarih: 01.12.2026']);
    sheet.addRow([]);
    sheet.addRow(['facility_id', 'name', 'mahalle']);
    sheet.addRow(['P1', 'Çınar Parkı', 'Çınar']);
    sheet.addRow(['P2', 'Gün Parkı', null]);
    const titled = path.join(dir, 'parklar.xlsx');
    await workbook.xlsx.writeFile(titled);
    expect(await read(titled)).toEqual([
      { position: 'row 5', values: { facility_id: 'P1', name: 'Çınar Parkı', mahalle: 'Çınar' },
        notes: ['title row skipped (row 1: "BAĞCILAR BELEDİYESİ PARK LİSTESİ")', 'title row skipped (row 2: "Tarih: 01.12.2026")'] },
      { position: 'row 6', values: { facility_id: 'P2', name: 'Gün Parkı', mahalle: null } },
    ]);

    const single = new ExcelJS.Workbook();
    single.addWorksheet('Adlar').addRows([['Ad'], ['Çınar'], ['Güneşli']]);
    const oneColumn = path.join(dir, 'adlar.xlsx');
    await single.xlsx.writeFile(oneColumn);
    expect((await read(oneColumn)).map((r) => [r.position, r.values, r.notes])).toEqual([
      ['row 2', { Ad: 'Çınar' }, undefined],
      ['row 3', { Ad: 'Güneşli' }, undefined],
    ]);
  });

  it('reads an ".xls" that is an HTML table (windows-1254), entities and all', async () => {
    const html = '<html><head><meta charset="windows-1254"></head><body><table><tr><th>Mahalle</th><th>Nüfus</th></tr>' +
      '<tr><td>Yıldıztepe</td><td>36.402</td></tr><tr><td>Kazım &amp; Karabekir</td><td>26.879</td></tr></table></body></html>';
    const file = path.join(dir, 'tuik.xls');
    fs.writeFileSync(file, Buffer.from([...html].map((c) => ({ ı: 0xfd, İ: 0xdd, ş: 0xfe, ğ: 0xf0, ü: 0xfc } as Record<string, number>)[c] ?? c.charCodeAt(0))));
    const records = await read(file);
    expect(records.map((r) => r.values)).toEqual([
      { Mahalle: 'Yıldıztepe', Nüfus: '36.402' },
      { Mahalle: 'Kazım & Karabekir', Nüfus: '26.879' },
    ]);
  });

  it('refuses a binary .xls and a damaged .xlsx with clear messages', async () => {
    const biff = path.join(dir, 'old.xls');
    fs.writeFileSync(biff, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await expect(read(biff)).rejects.toThrowError(/binary Excel 97–2003 workbook; save it as \.xlsx/);
    const broken = path.join(dir, 'broken.xlsx');
    fs.writeFileSync(broken, 'this is not a zip');
    await expect(read(broken)).rejects.toThrowError(EtlError);
    expect(() => readSource(path.join(dir, 'x.docx'))).toThrowError(/not a format the ETL reads/);
  });
});
