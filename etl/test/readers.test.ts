import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { checkedPoint, degreesOf, findCoordinateColumns } from '../src/coordinates';
import { blocksOf, freshScan, readCsv, recordEnd } from '../src/readers/csv';
import { readSource } from '../src/readers';
import { detectEncoding, repairMojibake } from '../src/readers/encoding';
import { parseTurkishNumber, plainNumber } from '../src/readers/numbers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-readers-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: Buffer | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

async function records(p: string, options = {}) {
  const out = [];
  for await (const batch of readCsv(p, options)) out.push(...batch);
  return out;
}

/** Records through the format dispatch, as a load reads them. */
async function sourceRecords(p: string) {
  const out = [];
  for await (const batch of readSource(p)) out.push(...batch);
  return out;
}

/** UTF-16LE bytes with a BOM, as Excel's "Unicode Text" saves them. */
function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** UTF-16BE bytes with a BOM: UTF-16LE's bytes swapped pairwise. */
function utf16be(text: string): Buffer {
  return utf16le(text).swap16();
}

describe('Turkish numbers', () => {
  it.each([
    ['44.709', 'count', 44709],
    ['1.234.567', 'count', 1234567],
    ['17086.0', 'count', 17086],
    ['3,5', 'decimal', 3.5],
    ['1.234,56', 'decimal', 1234.56],
    ['1,234.56', 'decimal', 1234.56],
    ['41,0291', 'decimal', 41.0291],
    ['28.8506', 'decimal', 28.8506],
    [' 250 ', 'count', 250],
    ['-12,75', 'decimal', -12.75],
  ] as const)('reads %j as a %s: %d', (raw, kind, expected) => {
    expect(parseTurkishNumber(raw, kind)).toBe(expected);
  });

  it.each([['abc'], [''], ['3,5.2.1x'], ['12.5']])('refuses %j as a count', (raw) => {
    expect(parseTurkishNumber(raw, 'count')).toBeUndefined();
  });

  it('reads plain numbers digit by digit to the same double as Number()', () => {
    // Coordinates with up to 15 significant digits, integers, signs, and what is not plain.
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const samples = ['0', '-0', '007', '41.0', '1.5e3', '.5', '5.', '1..2', '-', '', '+3', '1,5', '123456789012345', '1234567890123456', '-0.000000000000001'];
    for (let i = 0; i < 20000; i++) {
      const int = String(Math.floor(random() * 10 ** Math.floor(random() * 8)));
      const frac = String(Math.floor(random() * 10 ** 15)).padStart(15, '0').slice(0, Math.floor(random() * 12));
      samples.push(`${random() < 0.2 ? '-' : ''}${int}${frac ? `.${frac}` : ''}`);
    }
    let plain = 0;
    for (const s of samples) {
      const expected = /^-?\d+(\.\d+)?$/.test(s) && s.replace(/\D/g, '').length <= 15 ? Number(s) : undefined;
      expect(plainNumber(s, true), s).toBe(expected);
      if (expected !== undefined) plain++;
    }
    expect(plain).toBeGreaterThan(18000);
    expect(plainNumber('41.5', false)).toBeUndefined();
    expect(plainNumber('415', false)).toBe(415);
  });
});

describe('encodings and mojibake', () => {
  it('detects UTF-8 with and without BOM, and windows-1254', () => {
    expect(detectEncoding(Buffer.from('\ufeffad;İnönü', 'utf8'))).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(Buffer.from('ad;İnönü', 'utf8'))).toEqual({ encoding: 'utf-8', bom: false });
    expect(detectEncoding(Buffer.from([0x49, 0x6e, 0xf6, 0x6e, 0xfc, 0x3b, 0xdd, 0xd0]))).toEqual({ encoding: 'windows-1254', bom: false });
    // A multi-byte letter cut at the end of the sample is still UTF-8.
    expect(detectEncoding(Buffer.from('Güneşli', 'utf8').subarray(0, 6)).encoding).toBe('utf-8');
  });

  it('detects UTF-16LE and UTF-16BE by their BOM, which plain UTF-8 validation would take for UTF-8', () => {
    const text = 'ad\tmahalle\r\nİnönü\tGüneşli\r\n';
    expect(utf16be(text).subarray(0, 4)).toEqual(Buffer.from([0xfe, 0xff, 0x00, 0x61]));
    expect(detectEncoding(utf16le(text))).toEqual({ encoding: 'utf-16le', bom: true });
    expect(detectEncoding(utf16be(text))).toEqual({ encoding: 'utf-16be', bom: true });
    // Without the BOM an ASCII-only UTF-16LE text is valid UTF-8 (NUL bytes included): the BOM is what tells.
    expect(detectEncoding(Buffer.from('ad\tmahalle', 'utf16le'))).toEqual({ encoding: 'utf-8', bom: false });
  });

  it.each([
    ['BAÐCILAR', 'BAĞCILAR', 'latin5-as-latin1'],
    ['Ýnönü', 'İnönü', 'latin5-as-latin1'],
    ['Ä°nÃ¶nÃ¼', 'İnönü', 'utf8-as-cp1252'],
    ['GÃ¼neÅŸli', 'Güneşli', 'utf8-as-cp1252'],
  ])('repairs %j to %j', (broken, fixed, kind) => {
    expect(repairMojibake(broken)).toEqual({ text: fixed, kind });
  });

  it.each([['İnönü'], ['Bağcılar'], ['Café'], ['Ãœber']])('leaves %j alone when it is not mojibake', (text) => {
    const r = repairMojibake(text);
    if (text === 'Ãœber') expect(r?.text).toBe('Über');
    else expect(r).toBeNull();
  });
});

describe('delimited text', () => {
  it('reads a windows-1254, semicolon, CRLF file without a final newline', async () => {
    const text = 'ad;mahalle;nüfus\r\nOkul;İNÖNÜ MAH.;44.709\r\n"Park; Bahçe";Güneşli;3,5';
    const bytes = Buffer.from(new TextEncoder().encode('')); // placeholder to keep types simple
    void bytes;
    const cp1254 = Buffer.from([...text].map((c) => ({ İ: 0xdd, Ö: 0xd6, Ü: 0xdc, ü: 0xfc, ş: 0xfe, ğ: 0xf0 } as Record<string, number>)[c] ?? c.charCodeAt(0)));
    const rows = await records(file('cp1254.csv', cp1254));
    expect(rows.map((r) => r.values)).toEqual([
      { ad: 'Okul', mahalle: 'İNÖNÜ MAH.', nüfus: '44.709' },
      { ad: 'Park; Bahçe', mahalle: 'Güneşli', nüfus: '3,5' },
    ]);
    expect(rows.map((r) => r.position)).toEqual(['line 2', 'line 3']);
    expect(rows[0]!.notes).toContain('decoded as windows-1254');
  });

  it.each([
    ['comma', ','],
    ['tab', '\t'],
    ['pipe', '|'],
  ])('detects the %s delimiter and strips a BOM', async (_name, d) => {
    const rows = await records(file(`d${d.charCodeAt(0)}.csv`, `\ufeffid${d}ad\n1${d}Çınar\n2${d}Yenigün\n`));
    expect(rows.map((r) => r.values)).toEqual([{ id: '1', ad: 'Çınar' }, { id: '2', ad: 'Yenigün' }]);
  });

  it('maps a file without a header row and rejects short lines by number', async () => {
    const rows = await records(file('noheader.csv', 'F1,park,Park\nF2,school\n'), { columns: ['facility_id', 'category', 'name'] });
    expect(rows[0]!.values).toEqual({ facility_id: 'F1', category: 'park', name: 'Park' });
    expect(rows[1]).toMatchObject({ position: 'line 2', error: 'has 2 fields, the mapping names 3' });
  });

  it.each([['\n'], ['\r\n']] as const)('reads quoted fields with line breaks, delimiters and quotes across its 1 MB blocks as papaparse reads the whole text (line break %j)', async (newline) => {
    // Deterministic values, quoted where they hold a delimiter, a quote or a line break.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const pieces = ['Park', 'İnönü', ';', '"', '\n', '\r\n', 'Güneşli Mah.', ' ', '3,5'];
    const value = () => Array.from({ length: 1 + (next() % 4) }, () => pieces[next() % pieces.length]).join('');
    const quoted = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = ['id;ad;not'];
    for (let i = 0, length = 0; length < 1.5 * 2 ** 20; i++) {
      lines.push([`R${i}`, quoted(value()), quoted(value())].join(';'));
      length += lines[lines.length - 1]!.length + newline.length;
    }
    const text = lines.join(newline) + newline;
    const expected = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ';', newline, skipEmptyLines: 'greedy' }).data;
    const rows = await records(file(`quoted${newline.length}.csv`, text));
    expect(rows.length).toBe(lines.length - 1);
    expect(rows.map((r) => r.values)).toEqual(expected);
    expect(rows.filter((r) => r.error)).toEqual([]);
    // Positions are physical lines: each record starts one line after the previous record's last line.
    const lineOf = (i: number) => Number(rows[i]!.position.slice('line '.length));
    for (const i of [1, 1000, rows.length - 1]) {
      const breaks = Object.values(rows[i - 1]!.values).join('').split('\n').length - 1;
      expect(lineOf(i)).toBe(lineOf(i - 1) + 1 + breaks);
    }
  });

  it('reads records across chunk seams: a CRLF cut between "\\r" and "\\n", a quoted field longer than a chunk, a letter cut in two', async () => {
    const MB = 2 ** 20;
    const parts: string[] = [];
    let bytes = 0;
    const add = (part: string) => {
      parts.push(part);
      bytes += Buffer.byteLength(part);
    };
    let i = 0;
    const padTo = (lastByte: number, tail: string) => {
      const id = `R${i++};`;
      add(`${id}${'a'.repeat(lastByte - bytes - Buffer.byteLength(id))}${tail}`);
    };
    add('id;ad\r\n');
    while (bytes < MB - 200) add(`R${i++};Park ${i}\r\n`);
    padTo(MB - 1, '\r\n'); // the "\r" is the first chunk's last byte
    add(`R${i++};"${'İnönü "" ;\r\n'.repeat(130_000)}"\r\n`); // 1.9 MB: over the second seam
    while (bytes < 3 * MB - 200) add(`R${i++};Çınar ${i}\r\n`);
    padTo(3 * MB - 1, 'ğ\r\n'); // "ğ" is two bytes, one each side of the fourth chunk's start
    add(`R${i++};son`); // and a last line without a line break
    const text = parts.join('');
    const buffer = Buffer.from(text);
    expect([buffer.subarray(MB - 1, MB + 1).toString(), buffer.subarray(3 * MB - 1, 3 * MB + 1).toString()]).toEqual(['\r\n', 'ğ']);
    const expected = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ';', newline: '\r\n', skipEmptyLines: 'greedy' }).data;
    const rows = await records(file('seams.csv', text));
    expect(rows.filter((r) => r.error)).toEqual([]);
    expect(rows.length).toBe(i);
    expect(rows.map((r) => r.values)).toEqual(expected);
  });

  it('skips title lines above the header and notes them on the first record; a one-column file keeps its first line as header', async () => {
    const rows = await records(file('nufus.csv', 'BAĞCILAR MAHALLE NÜFUSLARI 2023\nKaynak: TÜİK ADNKS\n\nmahalle;nufus\nÇınar;36.402\nGüneşli;41.220\n'));
    expect(rows).toEqual([
      { position: 'line 5', values: { mahalle: 'Çınar', nufus: '36.402' },
        notes: ['title row skipped (line 1: "BAĞCILAR MAHALLE NÜFUSLARI 2023")', 'title row skipped (line 2: "Kaynak: TÜİK ADNKS")'] },
      { position: 'line 6', values: { mahalle: 'Güneşli', nufus: '41.220' } },
    ]);
    const names = Array.from({ length: 13 }, (_, i) => `Sokak ${i + 1}`);
    const single = await records(file('sokaklar.csv', `Ad\n${names.join('\n')}\n`));
    expect(single).toEqual(names.map((name, i) => ({ position: `line ${i + 2}`, values: { Ad: name } })));
    expect(await records(file('tek.csv', 'Ad\r\nÇınar\r\n'))).toEqual([{ position: 'line 2', values: { Ad: 'Çınar' } }]);
    // Lines held while looking for the header are read as their block says: mojibake repaired, NULs noted.
    expect(await records(file('tek-bozuk.csv', 'Ad\nÄ°nÃ¶nÃ¼\nGü\0neşli\n'))).toEqual([
      { position: 'line 2', values: { Ad: 'İnönü' }, notes: ['mojibake repaired (utf8-as-cp1252)'] },
      { position: 'line 3', values: { Ad: 'Güneşli' }, notes: ['NUL characters removed'] },
    ]);
  });

  it("takes the delimiter from Excel's \"sep=\" first line and skips that line", async () => {
    // Decimal commas would make papaparse guess a comma; the line names the semicolon.
    const text = 'sep=;\r\nad;enlem;boylam\r\nÇınar Parkı;41,0291;28,8506\r\nGüneşli;41,0383;28,8293\r\n';
    const expected = [
      { position: 'line 3', values: { ad: 'Çınar Parkı', enlem: '41,0291', boylam: '28,8506' } },
      { position: 'line 4', values: { ad: 'Güneşli', enlem: '41,0383', boylam: '28,8293' } },
    ];
    expect(await records(file('sep.csv', text))).toEqual(expected);
    expect(await records(file('sep-bom.csv', `\ufeff${text.replace(/\r\n/g, '\n')}`))).toEqual(expected);
    // A first field that merely starts with "sep=" is data.
    expect(await records(file('not-sep.csv', 'sep=x,b\n1,2\n'))).toEqual([{ position: 'line 2', values: { 'sep=x': '1', b: '2' } }]);
  });

  it('rejects a line with more fields than the header by number, takes trailing empty fields and names repeated headers', async () => {
    const rows = await records(file('ragged.csv', 'id,ad,ad\n1,Park,Bahçe\n2,Çınar,Meydan,fazla\n3,Ova,Yol,,\n\n4,Kısa\n'));
    expect(rows.map((r) => r.position)).toEqual(['line 2', 'line 3', 'line 4', 'line 6']);
    expect(rows[0]!.values).toEqual({ id: '1', ad: 'Park', ad_1: 'Bahçe' });
    expect(rows[1]).toMatchObject({ values: {}, error: 'has 4 fields, the header names 3' });
    expect(rows[2]!.values).toEqual({ id: '3', ad: 'Ova', ad_1: 'Yol' });
    expect(rows[3]!.values).toEqual({ id: '4', ad: 'Kısa' });
  });

  it('removes NUL characters from header names and values, noting it once on each record that had any, and leaves a block without NUL alone', async () => {
    const lines = ['id,a\0d,not', '1,Park,Bahçe', '2,Çı\0nar,Gü\0\0neşli', '3,Yol,Meydan'];
    // Enough records after them for a second 1 MB block, one without NUL.
    for (let i = 4, length = 0; length < 1.5 * 2 ** 20; i++) {
      lines.push(`${i},Sokak ${i},Mahalle ${i}`);
      length += lines[lines.length - 1]!.length + 1;
    }
    const rows = await records(file('nul.csv', `${lines.join('\n')}\n`));
    expect(rows.length).toBe(lines.length - 1);
    expect(rows.slice(0, 3)).toEqual([
      { position: 'line 2', values: { id: '1', ad: 'Park', not: 'Bahçe' } },
      { position: 'line 3', values: { id: '2', ad: 'Çınar', not: 'Güneşli' }, notes: ['NUL characters removed'] },
      { position: 'line 4', values: { id: '3', ad: 'Yol', not: 'Meydan' } },
    ]);
    expect(rows.filter((r) => r.notes).map((r) => r.position)).toEqual(['line 3']);
    const last = rows[rows.length - 1]!;
    const n = lines.length - 1;
    expect(last).toEqual({ position: `line ${n + 1}`, values: { id: String(n), ad: `Sokak ${n}`, not: `Mahalle ${n}` } });
  });

  it('removes NUL characters from quoted values and skips a line of NUL padding at the end', async () => {
    const rows = await records(file('nul-padded.csv', 'id;ad\n1;"Park;\0 Bahçe"\n2;Çınar\n\0\0\0\0'));
    expect(rows).toEqual([
      { position: 'line 2', values: { id: '1', ad: 'Park; Bahçe' }, notes: ['NUL characters removed'] },
      { position: 'line 3', values: { id: '2', ad: 'Çınar' } },
    ]);
  });

  it("reads Excel's Unicode Text: UTF-16LE with BOM, tab-delimited, CRLF, as a .txt file", async () => {
    const text = 'ad\tmahalle\r\nİnönü Parkı\tGüneşli\r\nÇiçekli Sokağı\tKemalpaşa\r\n';
    const expected = [
      { position: 'line 2', values: { ad: 'İnönü Parkı', mahalle: 'Güneşli' }, notes: ['decoded as utf-16le'] },
      { position: 'line 3', values: { ad: 'Çiçekli Sokağı', mahalle: 'Kemalpaşa' } },
    ];
    expect(await sourceRecords(file('unicode.txt', utf16le(text)))).toEqual(expected);
    expect(await records(file('unicode-be.txt', utf16be(text)))).toEqual([
      { ...expected[0]!, notes: ['decoded as utf-16be'] },
      expected[1]!,
    ]);
  });

  it('reads UTF-16LE with a surrogate pair cut by the end of the 64 KiB sample and by the end of the first 1 MB chunk', async () => {
    // Code unit n is bytes 2 + 2n and 3 + 2n (after the BOM): a pair starting at unit 32766 ends the
    // sample, one starting at unit 524286 straddles the chunk seam.
    const units: string[] = ['id\tad\r\n'];
    let length = units[0]!.length;
    const expected: Record<string, string>[] = [];
    let i = 0;
    const add = (ad: string) => {
      const line = `R${i}\t${ad}\r\n`;
      units.push(line);
      length += line.length;
      expected.push({ id: `R${i++}`, ad });
    };
    const padWithTreeAt = (unit: number) => {
      const id = `R${i}\t`;
      add(`${'ş'.repeat(unit - length - id.length)}🌳`);
    };
    while (length < 32000) add(`Güneşli ${i}`);
    padWithTreeAt(32766);
    while (length < 524000) add(`Çınar ${i}`);
    padWithTreeAt(524286);
    add('son');
    const bytes = utf16le(units.join(''));
    expect([bytes.subarray(2 + 2 * 32766, 2 + 2 * 32768).toString('utf16le'), bytes.subarray(2 + 2 * 524286, 2 + 2 * 524288).toString('utf16le')]).toEqual(['🌳', '🌳']);
    expect(bytes.subarray(65536 - 2, 65536 + 2).toString('utf16le')).toBe('🌳');
    expect(bytes.subarray(2 ** 20 - 2, 2 ** 20 + 2).toString('utf16le')).toBe('🌳');
    const rows = await records(file('seams16.txt', bytes));
    expect(rows.filter((r) => r.error)).toEqual([]);
    expect(rows.map((r) => r.values)).toEqual(expected);
  });

  it.each([
    ['a,5" Ekran,b\nc,d,e\n', 'last', 18, 'a quote inside an unquoted field is a character'],
    ['a,"x\ny",b\nc,d,e', 'last', 9, 'a line break inside a quoted field ends nothing'],
    ['a,"x""\n""y",b\nc', 'last', 13, 'doubled quotes stay inside'],
    ['"a\nb"\nc', 'first', 5, 'a quoted field at the file start'],
    ['a;"x;y"\n', 'first', 7, 'a quote after the delimiter opens a field'],
    ['a,b"\nc', 'first', 4, 'a quote ending an unquoted field'],
  ] as const)('finds record ends in %j (%s): %i — %s', (text, which, end, _why) => {
    const delimiter = text.includes(';') ? ';' : ',';
    expect(recordEnd(text, delimiter, '\n', freshScan(), which)).toBe(end);
  });

  it('carries the quote state across texts: a doubled quote and a CRLF cut by the seam', () => {
    const state = freshScan();
    expect(recordEnd('a,"x"', ',', '\r\n', state, 'last')).toBe(-1); // ends on a quote inside quotes
    expect(recordEnd('', ',', '\r\n', state, 'first')).toBe(-1); // an empty text decides nothing
    expect(recordEnd('"y\r\nz",b\r\nc', ',', '\r\n', state, 'first')).toBe(8); // "" was a doubled quote
    const cut = freshScan();
    expect(recordEnd('a,b\r', ',', '\r\n', cut, 'last')).toBe(-1);
    // After the cut line break a quote starts a field: the CRLF inside it ends nothing.
    expect(recordEnd('\n"c\r\nd",e\r\nf', ',', '\r\n', cut, 'first')).toBe(9);
  });

  it('reads a file with a quote inside an unquoted field in blocks of about 1 MB, not the rest of the file at once', async () => {
    const lines = ['id,ad,not', '1,55" Ekran TV,x'];
    for (let i = 2, length = 0; length < 3 * 2 ** 20; i++) {
      lines.push(`${i},Sokak ${i},Mahalle ${i}`);
      length += lines[lines.length - 1]!.length + 1;
    }
    const p = file('inch.csv', `${lines.join('\n')}\n`);
    const sizes: number[] = [];
    for await (const block of blocksOf(p, 'utf-8', ',', '\n')) sizes.push(block.length);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2 ** 20);
    const rows = await records(p);
    expect(rows.length).toBe(lines.length - 1);
    expect(rows[0]).toEqual({ position: 'line 2', values: { id: '1', ad: '55" Ekran TV', not: 'x' } });
    expect(rows[rows.length - 1]!.values).toEqual({ id: String(lines.length - 1), ad: `Sokak ${lines.length - 1}`, not: `Mahalle ${lines.length - 1}` });
  });

  it('rejects the record whose quoted field is never closed, by line', async () => {
    const rows = await records(file('unclosed.csv', 'ad;sayi;not\nbir;1;x\n"iki;2;y\nüç;3;z\n'));
    expect(rows).toEqual([
      { position: 'line 2', values: { ad: 'bir', sayi: '1', not: 'x' } },
      { position: 'line 3', values: {}, error: 'a quote (") opens a field that is never closed: the rest of the file would be one value' },
    ]);
  });

  it('repairs mojibake in values and notes it', async () => {
    const rows = await records(file('mojibake.csv', 'ad,ilce\nÄ°nÃ¶nÃ¼ Parkı,BAÐCILAR\n'));
    expect(rows[0]!.values).toEqual({ ad: 'İnönü Parkı', ilce: 'BAĞCILAR' });
    expect(rows[0]!.notes).toEqual(['mojibake repaired (utf8-as-cp1252)', 'mojibake repaired (latin5-as-latin1)']);
  });
});

describe('NUL characters in record-by-record readers', () => {
  it('removes them from GeoJSON properties read through readSource, names and nested values too, and notes it', async () => {
    const nested = { etiketler: ['x', 'y'], ek: { kat: 2 } };
    const p = file('nul.geojson', JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { ad: 'A\u0000B', kapasite: 3, etiket: null }, geometry: { type: 'Point', coordinates: [28.8, 41] } },
      { type: 'Feature', properties: { ad: 'Park', ...nested }, geometry: { type: 'Point', coordinates: [28.8, 41] } },
      { type: 'Feature', properties: { 'a\u0000d': 'Çınar', etiketler: ['x\u0000', 'y'], ek: { 'k\u0000at': 2 } }, geometry: { type: 'Point', coordinates: [28.8, 41] } },
    ] }));
    expect(fs.readFileSync(p, 'utf8')).toContain('"A\\u0000B"');
    const rows = await sourceRecords(p);
    expect(rows.map((r) => [r.position, r.values, r.notes])).toEqual([
      ['feature 1', { ad: 'AB', kapasite: 3, etiket: null }, ['NUL characters removed']],
      ['feature 2', { ad: 'Park', ...nested }, undefined],
      ['feature 3', { ad: 'Çınar', ...nested }, ['NUL characters removed']],
    ]);
  });
});

describe('coordinates', () => {
  it.each([
    [['ENLEM', 'BOYLAM'], { latitude: 'ENLEM', longitude: 'BOYLAM' }],
    [['Lat', 'LONGTITUDE'], { latitude: 'Lat', longitude: 'LONGTITUDE' }],
    [['name', 'Y', 'X'], { latitude: 'Y', longitude: 'X' }],
    [['latitude', 'lng'], { latitude: 'latitude', longitude: 'lng' }],
    [['Ad', 'Koordinat'], { latitude: 'Koordinat', longitude: 'Koordinat' }],
    [['Konum Linki', 'Enlem'], { latitude: 'Konum Linki', longitude: 'Konum Linki' }],
    [['WKT', 'name'], { latitude: 'WKT', longitude: 'WKT' }],
  ])('finds the coordinate columns of %j', (columns, expected) => {
    expect(findCoordinateColumns(columns)).toEqual(expected);
  });

  it('accepts, swaps and rejects with reasons', () => {
    expect(checkedPoint('41.0291', '28.8506')).toEqual({ point: { type: 'Point', coordinates: [28.8506, 41.0291] }, swapped: false });
    expect(checkedPoint('28,8506', '41,0291')).toEqual({ point: { type: 'Point', coordinates: [28.8506, 41.0291] }, swapped: true });
    expect(checkedPoint('', '')).toMatchObject({ reject: expect.stringMatching(/no usable coordinates/) });
    expect(checkedPoint('0', '0')).toMatchObject({ reject: expect.stringMatching(/placeholder/) });
    expect(checkedPoint('-99', '28.85')).toMatchObject({ reject: expect.stringMatching(/placeholder/) });
    expect(checkedPoint('41.04', '41.04')).toMatchObject({ reject: expect.stringMatching(/equals/) });
    expect(checkedPoint('41.0082', '28.9784')).toMatchObject({ reject: expect.stringMatching(/outside the district/) });
    expect(checkedPoint('39.92', '32.85')).toMatchObject({ reject: expect.stringMatching(/not in İstanbul/) });
    expect(checkedPoint('41.0082', '28.9784', [28.5, 40.8, 29.5, 41.3])).toMatchObject({ swapped: false });
  });

  it.each([
    ['41°01\'45"N', 41 + 1 / 60 + 45 / 3600],
    ['41° 01′ 45,5″ K', 41 + 1 / 60 + 45.5 / 3600],
    ['28°51,03\'D', 28 + 51.03 / 60],
    ['28º 51\' 02\'\' E', 28 + 51 / 60 + 2 / 3600],
    ['N 41°1\'', 41 + 1 / 60],
    ['41,5°', 41.5],
    ['58°17\'W', -(58 + 17 / 60)],
    ['34°36\'G', -(34 + 36 / 60)],
    ['41°61\'N', undefined],
    ['41°01\'75"N', undefined],
    ['N41°01\'S', undefined],
    ['41 01 45', undefined],
    ['41°01"', undefined],
  ])('reads %s as %s degrees', (text, degrees) => {
    const value = degreesOf(text);
    if (degrees === undefined) expect(value).toBeUndefined();
    else expect(value).toBeCloseTo(degrees, 12);
  });

  it.each([
    ['41.0291, 28.8506', false],
    ['41,0291; 28,8506', false],
    ['41,0291 28,8506', false],
    ['41.0291,28.8506', false],
    ['(28.8506, 41.0291)', true],
    ['https://www.google.com/maps/place/%C3%87%C4%B1nar+Park%C4%B1/@41.0291,28.8506,17z', false],
    ['https://maps.google.com/?q=41.0291,28.8506', false],
    ['POINT (28.8506 41.0291)', false],
  ])('places a point from one text holding both: %s', (text, swapped) => {
    expect(checkedPoint(text, text)).toEqual({ point: { type: 'Point', coordinates: [28.8506, 41.0291] }, swapped });
  });

  it('still refuses one text that is not a position, and equal numbers in two columns', () => {
    expect(checkedPoint('Çınar Mah.', 'Çınar Mah.')).toEqual({ reject: 'no usable coordinates ("Çınar Mah.", "Çınar Mah.")' });
    expect(checkedPoint('https://example.org/41.02,28.85', 'https://example.org/41.02,28.85')).toMatchObject({ reject: expect.stringMatching(/no usable coordinates/) });
    expect(checkedPoint('41,04', '41,04')).toMatchObject({ reject: expect.stringMatching(/equals/) });
    expect(checkedPoint('41.04', '41.04')).toMatchObject({ reject: expect.stringMatching(/equals/) });
  });

  it('places a point written in degrees, minutes and seconds, Turkish hemispheres too', () => {
    const point = checkedPoint('41°01\'45"N', '28°51\'02"E');
    expect(point).toMatchObject({ swapped: false, point: { type: 'Point' } });
    const [lon, lat] = (point as { point: { coordinates: number[] } }).point.coordinates;
    expect(lon).toBeCloseTo(28.850556, 6);
    expect(lat).toBeCloseTo(41.029167, 6);
    expect(checkedPoint('28°51′02″D', '41°01′45″K')).toMatchObject({ swapped: true });
    expect(checkedPoint('41°01\'45"N', '28°51\'02"W')).toMatchObject({ reject: expect.stringMatching(/not in İstanbul/) });
    expect(checkedPoint('41°61\'N', '28°51\'02"E')).toMatchObject({ reject: 'no usable coordinates ("41°61\'N", "28°51\'02"E")' });
  });
});
