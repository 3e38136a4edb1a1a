import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '@kbs/etl';
import { EtlError } from '../src/errors';
import { encodingOfCpg, readShapefile } from '../src/readers/shapefile';
import type { SourceRecord } from '../src/readers/types';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures/shapefile');
const HAVE_FIXTURES = fs.existsSync(FIXTURES);
const HAS_GDAL = fs.existsSync('/usr/bin/ogr2ogr');
if (!HAVE_FIXTURES) console.warn(`${FIXTURES} is absent: the shapefile fixture tests are skipped (they live in ../shared beside the checkout).`);

async function read(name: string, options = {}): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of readShapefile(path.join(FIXTURES, name), options)) out.push(r);
  return out;
}

describe('code pages', () => {
  it.each([['ANSI 1250', 'windows-1250'], ['UTF-8', 'utf-8'], ['1254', 'windows-1254'], ['ISO 8859-9', 'iso-8859-9'], ['utf8\n', 'utf-8']])('reads .cpg %j as %s', (cpg, label) => {
    expect(encodingOfCpg(cpg)).toBe(label);
  });
});

describe.runIf(HAVE_FIXTURES)('shapefile reader against the shapefile-js fixtures', () => {
  it('reads a zipped ESRI shapefile with its .prj, and one with extra files', async () => {
    const senate = await read('senate.zip');
    expect(senate).toHaveLength(40);
    expect(senate[0]!.crs).toMatch(/^PROJCS\["NAD_1983_StatePlane_Massachusetts_Mainland/);
    expect(senate[0]!.values).toMatchObject({ SEN_DIST: 'First Worcester' });
    const stations = await read('train_stations.zip');
    expect(stations).toHaveLength(361);
    expect(stations[0]!.values.amtrak).toBe(''); // dBASE NUL padding removed
  });

  it('takes upper-case extensions, parts in a sub-folder, a QGIS export with extra files', async () => {
    expect(await read('mixedcase.zip')).toHaveLength(40);
    expect((await read('T8Th4_6n.zip'))[0]!.geometry!.type).toBe('LineString');
    expect((await read('qgis.zip')).filter((r) => !r.error)).toHaveLength(2);
  });

  it('decodes text by the .cpg (windows-1250, UTF-8)', async () => {
    const czech = await read('codepage.zip');
    expect(czech.map((r) => r.values.field)).toContain('Hněvošický háj');
    expect((await read('utf.zip'))[0]!.values.field).toBe('💩');
  });

  it('rejects empty geometries as rows, and drops Z', async () => {
    const lines = await read('zero-len-line.zip');
    expect(lines.filter((r) => r.error)).toEqual([expect.objectContaining({ error: 'empty geometry' })]);
    const z = await read('loose/export_polylinez.shp');
    expect((z[0]!.geometry as { coordinates: number[][][] }).coordinates[0]![0]).toHaveLength(2);
    const lga = await read('loose/LGA_2013_AUST.shp');
    expect(lga.filter((r) => !r.error)).toHaveLength(1);
    expect(lga.find((r) => !r.error)!.crs).toMatch(/GDA_1994/);
  });

  it.each([
    ['noshp.zip', /holds no \.shp/],
    ['badzip.zip', /is not a readable zip archive/],
    ['SHP_Exclude.zip', /has no \.prj: give the source CRS/],
  ])('refuses %s with a clear message', async (name, message) => {
    await expect(read(name)).rejects.toThrowError(EtlError);
    await expect(read(name)).rejects.toThrowError(message);
  });

  it('reads a shapefile without .prj when the load names the CRS', async () => {
    const records = await read('SHP_Exclude.zip', { sourceSrid: 4326 });
    expect(records.length).toBeGreaterThan(0);
    expect(records[0]!.crs).toBe('EPSG:4326');
  });
});

describe.each(ENGINES)('shapefiles into PostGIS on the %s engine', (engine) => {
  let platform: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-shp-load-'));
  });
  afterAll(async () => {
    await platform?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(HAVE_FIXTURES)('reprojects from an ESRI .prj through PROJ', async () => {
    const [record] = await read('senate.zip');
    const { rows } = await platform.db.knex.raw('SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_PointOnSurface(ST_GeomFromGeoJSON(?)), ?::text, 4326) AS p) q', [JSON.stringify(record!.geometry), record!.crs!]);
    expect(rows[0].x).toBeGreaterThan(-73.6);
    expect(rows[0].x).toBeLessThan(-69.8);
    expect(rows[0].y).toBeGreaterThan(41.2);
    expect(rows[0].y).toBeLessThan(42.9);
  });

  it.runIf(HAS_GDAL)('loads mahalle boundaries written by GDAL in TUREF / TM30 (EPSG:5254) to the same areas', async () => {
    const geojson = path.join(dir, 'n.geojson');
    const { rows: before } = await platform.db.knex.raw(`SELECT uavt_code, ST_Area(geom::geography) AS a FROM neighbourhoods ORDER BY uavt_code`);
    const fc = (await (await fetch(`${platform.url}/api/neighbourhoods`)).json()) as { features: { properties: Record<string, unknown> }[] };
    for (const f of fc.features) f.properties = { uavt_code: f.properties.uavt_code, name: f.properties.name, population: f.properties.population };
    fs.writeFileSync(geojson, JSON.stringify(fc));
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-t_srs', 'EPSG:5254', '-lco', 'ENCODING=UTF-8', path.join(dir, 'mahalle.shp'), geojson]);
    const report = await loadDataset(platform.db.knex, path.join(dir, 'mahalle.shp'), 'neighbourhoods');
    expect(report.status).toBe('succeeded');
    expect(report.rowsLoaded).toBe(22);
    const { rows: after } = await platform.db.knex.raw(`SELECT uavt_code, name, ST_Area(geom::geography) AS a FROM neighbourhoods ORDER BY uavt_code`);
    expect(after.map((r: { uavt_code: string }) => r.uavt_code)).toEqual(before.map((r: { uavt_code: string }) => r.uavt_code));
    after.forEach((r: { a: number }, i: number) => expect(Math.abs(r.a - before[i].a) / before[i].a).toBeLessThan(1e-4));
    expect(after.find((r: { uavt_code: string }) => r.uavt_code === '40159').name).toBe('İnönü');
  });
});
