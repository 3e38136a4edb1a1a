import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ColumnMapError } from '../src/errors';
import { readSource } from '../src/readers';
import { parseColumnMap } from '../src/readers/columnMap';
import type { ReadOptions, SourceRecord } from '../src/readers/types';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-map-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(name: string, text: string, options: ReadOptions): Promise<SourceRecord[]> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const out: SourceRecord[] = [];
  for await (const batch of readSource(file, options)) out.push(...batch);
  return out;
}

describe('column maps', () => {
  it('parses name=file column pairs, spaces and Turkish names kept', () => {
    expect({ ...parseColumnMap('facility_id=Tesis No, name = Adı ,') }).toEqual({ 'Tesis No': 'facility_id', Adı: 'name' });
  });

  it.each([
    ['facility_id', /"facility_id" is not name=file column/],
    ['=Adı', /"=Adı" is not name=file column/],
    ['name=', /"name=" is not name=file column/],
    ['name=Adı,name=Ad', /names name twice/],
    ['name=Adı,title=Adı', /names the file's column "Adı" twice/],
    [' , ', /empty/],
  ])('refuses %j', (text, message) => {
    expect(() => parseColumnMap(text)).toThrowError(ColumnMapError);
    expect(() => parseColumnMap(text)).toThrowError(message);
  });

  it('renames a table\'s columns, the mapped one replacing a column of its target name', async () => {
    const rows = await read('tesisler.csv', 'Tesis No;name;Adı;Enlem\nT1;eski;Çınar Parkı;41,02\n', { columnMap: parseColumnMap('facility_id=Tesis No,name=Adı') });
    expect(rows).toEqual([{ position: 'line 2', values: { facility_id: 'T1', name: 'Çınar Parkı', Enlem: '41,02' } }]);
  });

  it("names the table's columns when the map names one it lacks", async () => {
    await expect(read('eksik.csv', 'Tesis No;Ad\nT1;Park\n', { columnMap: parseColumnMap('facility_id=Tesis,name=Ad') }))
      .rejects.toThrowError('eksik.csv has no column "Tesis" named in the column map (its columns: Tesis No, Ad)');
  });

  it('lets a GeoJSON feature lack a mapped property', async () => {
    const features = [{ Ad: 'Park', Kod: 'K1' }, { Ad: 'Meydan' }].map((properties) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [28.85, 41.03] } }));
    const rows = await read('alanlar.geojson', JSON.stringify({ type: 'FeatureCollection', features }), { columnMap: parseColumnMap('name=Ad,facility_id=Kod') });
    expect(rows.map((r) => r.values)).toEqual([{ name: 'Park', facility_id: 'K1' }, { name: 'Meydan' }]);
  });
});
