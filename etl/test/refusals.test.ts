/*
 * Files the database itself would refuse: repeated keys, NUL characters, impossible dates, numbers too
 * large for their column. Each gets a clear answer naming lines and reasons (never the database's own
 * words, which name internal tables), and a refused file changes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatasetFromFile, EtlError, loadDataset, validateDataset } from '@kbs/etl';
import { databaseRefusal } from '../src/errors';
import { keyHash, KeyHashes } from '../src/repeatedKeys';
import { ENGINES } from '../../test/support/engines';
import { fingerprint } from '../../test/support/fingerprint';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

const HEADER = 'facility_id,category,name,address,mahalle,latitude,longitude,source,capacity,opening_year';
const facility = (id: string, name = `Park ${id}`) => `${id},park,${name},,Merkez,41.03,28.85,test,1,2000`;

describe('a database refusal no check caught', () => {
  it.each([
    [{ code: '22008', message: 'INSERT INTO data."x__v3" … - date/time field value out of range' }, /a value does not fit its column .*\(SQLSTATE 22008\)$/],
    [{ code: '23502', message: 'null value in column "geom" of relation "facilities__v9"' }, /a rule of the table .*\(SQLSTATE 23502\)$/],
    [{ code: '53100', message: 'could not extend file "base/16384/2619"' }, /ran out of a resource .*\(SQLSTATE 53100\)$/],
    [new Error('socket hang up'), /^an unexpected error stopped the load$/],
  ])('is said by its kind, without the statement or the table: %j', (error, said) => {
    const message = databaseRefusal(error);
    expect(message).toMatch(said);
    expect(message).not.toMatch(/__v|INSERT|relation|base\//);
  });
});

describe('key hashes for validate', () => {
  it('tell 200,000 different keys apart and find exactly the repeated ones', () => {
    const hashes = new KeyHashes();
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++) {
      const key = `K${i}`;
      hashes.add(key);
      seen.add(keyHash(key));
    }
    expect(seen.size).toBe(200_000);
    expect(hashes.repeated()).toEqual(new Set());
    for (const key of ['K7', 'K199999', 'K7', 'Çınar']) hashes.add(key);
    expect(hashes.repeated()).toEqual(new Set([keyHash('K7'), keyHash('K199999')]));
  });
});

describe.each(ENGINES)('files the database would refuse, on the %s engine', (engine) => {
  let platform: TestPlatform;
  let dir: string;
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-refusals-'));
  });
  afterAll(async () => {
    await platform?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses repeated ids by value and line, and changes nothing', async () => {
    const { knex } = platform.db;
    const before = await fingerprint(knex);
    const runsBefore = (await knex('catalog.etl_runs').max({ id: 'id' }).first())!.id;
    const one = write('one.csv', [HEADER, facility('D1'), facility('D2'), facility('D1', 'Yine D1')].join('\n'));
    const error = await loadDataset(knex, one, 'facilities').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EtlError);
    expect((error as Error).message).toBe('id "D1" appears on more than one record (line 2, line 4); each id may appear once in a file, so nothing was loaded');

    const lines = [HEADER];
    for (let i = 0; i < 20; i++) lines.push(facility(`E${i}`));
    lines.push(facility('E7'), facility('E3'), facility('E7'), facility('E3'), facility('E3'));
    const several = write('several.csv', lines.join('\n'));
    const second = (await loadDataset(knex, several, 'facilities').catch((e: unknown) => e)) as Error;
    // In the order the keys first appear; at most three lines each, then how many more.
    expect(second.message).toBe('2 values of id appear on more than one record, e.g. "E3" (line 5, line 23, line 25 and 1 more), "E7" (line 9, line 22, line 24); each id may appear once in a file, so nothing was loaded');

    // validate says the same without writing: the keys hashed while reading, the repeats confirmed on the keys.
    expect(await validateDataset(knex, one, 'facilities')).toMatchObject({ rowsRead: 3, rowsRejected: 0, acceptable: false, error: (error as Error).message });
    expect(await validateDataset(knex, several, 'facilities')).toMatchObject({ acceptable: false, error: second.message });
    expect(await fingerprint(knex)).toEqual(before);
    const runs = await knex('catalog.etl_runs').where('id', '>', runsBefore ?? 0).orderBy('id');
    expect(runs.map((r) => [r.status, r.error])).toEqual([['failed', (error as Error).message], ['failed', second.message]]);
  });

  it('removes NUL characters, which PostgreSQL text cannot hold, and says so', async () => {
    const { knex } = platform.db;
    const file = write('nul.csv', [HEADER, facility('N1', 'Çınar\u0000 Parkı'), facility('N2', 'Gül Parkı')].join('\n'));
    const report = await loadDataset(knex, file, 'facilities');
    expect(report).toMatchObject({ status: 'succeeded', rowsLoaded: 2, rowsRejected: 0, notes: { 'NUL characters removed': 1 } });
    expect(await knex('facilities').orderBy('id').pluck('name')).toEqual(['Çınar Parkı', 'Gül Parkı']);
  });

  it('infers no date type from impossible dates, and rejects them and too-large numbers by line in later loads', async () => {
    const { knex } = platform.db;
    const impossible = write('impossible.csv', 'ad;tarih\nbir;2024-01-31\niki;2023-02-29\n');
    const { definition } = await createDatasetFromFile(knex, impossible, { id: 'tarihli_kayit', titleTr: 'Tarihli kayıt' });
    expect(definition.columns.map((c) => [c.name, c.type])).toEqual([['id', 'bigint'], ['ad', 'text'], ['tarih', 'text']]);

    await createDatasetFromFile(knex, write('good.csv', 'ad;tarih;sayi\nbir;2024-01-31;5\niki;2024-02-29;7\n'), { id: 'sayimlar', titleTr: 'Sayımlar' });
    const later = write('later.csv', 'ad;tarih;sayi\nüç;2024-02-30;1\ndört;2024-04-01;3000000000\nbeş;2024-04-31;2\naltı;2024-05-01;4\n');
    const report = await loadDataset(knex, later, 'sayimlar', { maxRejectedShare: 0.9 });
    expect(report).toMatchObject({ status: 'succeeded', rowsLoaded: 1, rowsRejected: 3 });
    expect(report.rejections).toEqual([
      { position: 'line 2', reason: '"2024-02-30" in tarih is not a date (YYYY-MM-DD)' },
      { position: 'line 3', reason: '"3000000000" in sayi is too large for a column of type integer' },
      { position: 'line 4', reason: '"2024-04-31" in tarih is not a date (YYYY-MM-DD)' },
    ]);
    expect(await knex('sayimlar').select('ad', knex.raw('tarih::text AS tarih'), 'sayi')).toEqual([{ ad: 'altı', tarih: '2024-05-01', sayi: 4 }]);
  });

  it('makes a dataset from a file with its first version or not at all', async () => {
    const { knex } = platform.db;
    // The type comes from the first 5,000 values; the text after them is rejected, more than 5 % of the rows.
    const rows = ['ad;adet'];
    for (let i = 0; i < 5000; i++) rows.push(`kayıt ${i};${i}`);
    for (let i = 0; i < 400; i++) rows.push(`yazı ${i};bilinmiyor`);
    const file = write('mixed.csv', rows.join('\n'));
    const before = await fingerprint(knex, []);
    await expect(createDatasetFromFile(knex, file, { id: 'karisik', titleTr: 'Karışık' })).rejects.toThrowError(/400 of 5400 records were rejected/);
    expect(await fingerprint(knex, [])).toEqual(before);
    expect((await knex.raw("SELECT to_regclass('public.karisik') AS v")).rows[0].v).toBeNull();

    // Fixed, the same command runs again.
    const { report } = await createDatasetFromFile(knex, write('fixed.csv', rows.slice(0, 5001).join('\n')), { id: 'karisik', titleTr: 'Karışık' });
    expect(report).toMatchObject({ status: 'succeeded', rowsLoaded: 5000 });
  });
});
