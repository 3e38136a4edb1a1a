/**
 * Downloads end to end on both engines: every format read back by an independent reader (GDAL's ogrinfo
 * for GeoPackage, Shapefile and KML; papaparse for both CSVs; geojson-validation for GeoJSON; exceljs
 * for XLSX), over a dataset made for the purpose: Turkish values, a quoted field, a formula-like text,
 * an internal and two personal columns, two kept versions.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import GJV from 'geojson-validation';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset, upsertDataset, type PrivacyClass } from '@kbs/core';
import { createGenericDataset, loadDataset } from '@kbs/etl';
import { unzipSafely } from '../../../etl/src/readers/zip';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';
import { createApiKey } from '../../src/access/apiKeys';

const run = promisify(execFile);
const HAS_GDAL = fs.existsSync('/usr/bin/ogrinfo');
if (!HAS_GDAL) console.warn('GDAL (ogrinfo) is not installed: the GeoPackage, Shapefile and KML read-backs are skipped. apt-get install gdal-bin');

const HEADER = 'Mahalle Adı;Muhtar Adı;T.C. Kimlik No;Telefon;Oda Sayısı;Alan;Açılış Tarihi;Aktif;Not;Muhtarlık Açılış Saati;Enlem;Boylam';
const VERSION_1 = [
  'İnönü;Ahmet Yılmaz;10000000146;0532 111 22 33;3;12,5;2019-04-01;evet;Merkez bina;09:00;41,0291;28,8506',
  'Güneşli;Ayşe Kaya;10000000210;0532 111 22 44;2;8,25;2020-09-15;hayır;"Yan bina; 2. kat, ""eski"" muhtarlık";08:30;41,0383;28,8293',
  'Yavuz Selim;Mehmet Öztürk;10000000378;0532 111 22 55;4;10;2018-01-10;evet;=1+1;09:30;41,0412;28,8411',
];
const VERSION_2 = [...VERSION_1, 'Kirazlı;Zeynep Şahin;10000000442;0532 111 22 66;5;15,75;2021-06-30;evet;Çınar sokak;10:00;41,0333;28,8421'];
const PRIVACY: Record<string, PrivacyClass> = { muhtar_adi: 'internal', t_c_kimlik_no: 'personal', telefon: 'personal' };
/** What must never reach an anonymous caller: names and values of the internal and personal columns. */
const INTERNAL = ['muhtar_adi', 'Ahmet Yılmaz', 'Zeynep Şahin'];
const PERSONAL = ['t_c_kimlik_no', 'telefon', '10000000146', '10000000442', '0532 111 22 66'];
const PUBLIC_FIELDS = ['id', 'mahalle_adi', 'oda_sayisi', 'alan', 'acilis_tarihi', 'aktif', 'not', 'muhtarlik_acilis_saati'];
const ID = 'muhtarliklar';

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

describe.each(ENGINES)('dataset downloads on the %s engine', (engine) => {
  let platform: TestPlatform;
  let dir: string;
  let keys: { viewer: string; admin: string };
  const got = async (url: string, key?: string, headers: Record<string, string> = {}): Promise<Download> => {
    const response = await fetch(`${platform.url}${url}`, { headers: { ...headers, ...(key ? { Authorization: `Bearer ${key}` } : {}) } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const ok = async (url: string, key?: string) => {
    const d = await got(url, key);
    expect(d.status, `${url}: ${d.bytes.toString('utf8', 0, 300)}`).toBe(200);
    return d;
  };
  const saved = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const ogrinfo = async (...args: string[]) => (await run('ogrinfo', ['-ro', ...args], { maxBuffer: 64 << 20 })).stdout;

  beforeAll(async () => {
    platform = await startPlatform({ engine, env: { RATE_LIMIT_PER_MINUTE: '0' } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-downloads-'));
    const knex = platform.db.knex;
    const v1 = saved('v1.csv', Buffer.from(`${HEADER}\n${VERSION_1.join('\n')}\n`));
    const v2 = saved('v2.csv', Buffer.from(`${HEADER}\n${VERSION_2.join('\n')}\n`));
    await createGenericDataset(knex, v1, { id: ID, titleTr: 'Muhtarlıklar', titleEn: 'Mukhtar offices' });
    expect(await loadDataset(knex, v1, ID)).toMatchObject({ status: 'succeeded', rowsLoaded: 3 });
    expect(await loadDataset(knex, v2, ID)).toMatchObject({ status: 'succeeded', rowsLoaded: 4 });
    const dataset = (await getDataset(knex, ID))!;
    await upsertDataset(knex, { ...dataset, published: true, access: 'public', columns: dataset.columns.map((c) => ({ ...c, privacy: PRIVACY[c.name] ?? 'public' })) });
    keys = {
      viewer: (await createApiKey(knex, { name: 'downloads viewer', role: 'viewer', expiresInDays: 1, createdBy: 'test' })).key,
      admin: (await createApiKey(knex, { name: 'downloads admin', role: 'admin', expiresInDays: 1, createdBy: 'test' })).key,
    };
  });
  afterAll(async () => {
    await platform?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Everything a person could read out of a download, as text (archives and databases opened). */
  async function readable(format: string, bytes: Buffer): Promise<string> {
    if (format === 'xlsx') {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      const texts: string[] = [];
      workbook.eachSheet((sheet) => {
        texts.push(sheet.name);
        sheet.eachRow((row) => texts.push(JSON.stringify(row.values)));
      });
      return texts.join('\n');
    }
    if (format === 'shp') {
      const into = fs.mkdtempSync(path.join(dir, 'shp-'));
      const files = await unzipSafely(saved(`${path.basename(into)}.zip`, bytes), into);
      const dbf = files.find((f) => f.endsWith('.dbf'))!;
      return fs.readFileSync(dbf, 'utf8') + (HAS_GDAL ? await ogrinfo('-al', dbf) : '');
    }
    // GeoPackage: SQLite keeps text as it is; CSV, GeoJSON and KML are text.
    return bytes.toString('utf8');
  }

  it('CSV: UTF-8, comma, a header of the public columns, every row, Turkish and quoted values intact', async () => {
    const d = await ok(`/api/datasets/${ID}/downloads/csv`);
    expect(d.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(d.headers.get('content-disposition')).toBe(`attachment; filename="bagcilar-muhtarliklar-v2.csv"; filename*=UTF-8''ba%C4%9Fc%C4%B1lar-muhtarl%C4%B1klar-v2.csv`);
    expect(d.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const parsed = Papa.parse<Record<string, string>>(d.bytes.toString('utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.delimiter).toBe(',');
    expect(parsed.meta.fields).toEqual([...PUBLIC_FIELDS, 'longitude', 'latitude']);
    expect(parsed.data).toHaveLength(4);
    const kirazli = parsed.data.find((r) => r.mahalle_adi === 'Kirazlı')!;
    expect(kirazli).toMatchObject({ oda_sayisi: '5', alan: '15.75', acilis_tarihi: '2021-06-30', aktif: 'true', not: 'Çınar sokak', longitude: '28.8421', latitude: '41.0333' });
    expect(parsed.data.find((r) => r.mahalle_adi === 'Güneşli')!.not).toBe('Yan bina; 2. kat, "eski" muhtarlık');
    expect(parsed.data.find((r) => r.mahalle_adi === 'Yavuz Selim')!.not).toBe('=1+1');
    expect(d.bytes.toString('utf8')).toContain('\r\n');
  });

  it('CSV for Excel: BOM, semicolons, decimal points kept, formula-like text defused', async () => {
    const d = await ok(`/api/datasets/${ID}/downloads/csv-excel`);
    expect(d.headers.get('content-disposition')).toMatch(/filename="bagcilar-muhtarliklar-v2-excel\.csv"/);
    expect([...d.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(d.bytes.toString('utf8').slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.delimiter).toBe(';');
    expect(parsed.meta.fields).toEqual([...PUBLIC_FIELDS, 'longitude', 'latitude']);
    expect(parsed.data).toHaveLength(4);
    expect(parsed.data.find((r) => r.mahalle_adi === 'Kirazlı')).toMatchObject({ alan: '15.75', longitude: '28.8421' });
    expect(parsed.data.find((r) => r.mahalle_adi === 'Güneşli')!.not).toBe('Yan bina; 2. kat, "eski" muhtarlık');
    expect(parsed.data.find((r) => r.mahalle_adi === 'Yavuz Selim')!.not).toBe("'=1+1");
  });

  it('GeoJSON: a valid RFC 7946 FeatureCollection, typed properties, outer rings counter-clockwise', async () => {
    const d = await ok(`/api/datasets/${ID}/downloads/geojson`);
    expect(d.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const collection = JSON.parse(d.bytes.toString('utf8'));
    expect(GJV.valid(collection, true)).toEqual([]);
    expect(collection.crs).toBeUndefined();
    expect(collection.features).toHaveLength(4);
    const kirazli = collection.features.find((f: { properties: { mahalle_adi: string } }) => f.properties.mahalle_adi === 'Kirazlı');
    expect(Object.keys(kirazli.properties)).toEqual(PUBLIC_FIELDS);
    expect(kirazli.properties).toMatchObject({ oda_sayisi: 5, alan: 15.75, aktif: true, acilis_tarihi: '2021-06-30' });
    expect(kirazli.geometry).toEqual({ type: 'Point', coordinates: [28.8421, 41.0333] });
    expect(kirazli.id).toBe(kirazli.properties.id);

    const polygons = JSON.parse((await ok('/api/datasets/neighbourhoods/downloads/geojson')).bytes.toString('utf8'));
    expect(GJV.valid(polygons, true)).toEqual([]);
    expect(polygons.features).toHaveLength(22);
    // Shoelace: positive area = counter-clockwise (RFC 7946 §3.1.6 for exterior rings).
    const signedArea = (ring: number[][]) => ring.slice(1).reduce((a, p, i) => a + (ring[i]![0]! * p[1]! - p[0]! * ring[i]![1]!), 0);
    for (const f of polygons.features) for (const polygon of f.geometry.coordinates) expect(signedArea(polygon[0])).toBeGreaterThan(0);
  });

  it.runIf(HAS_GDAL)('GeoPackage: ogrinfo reads the layer, its fields, a Turkish value and EPSG:4326', async () => {
    const d = await ok(`/api/datasets/${ID}/downloads/gpkg`);
    expect(d.headers.get('content-type')).toBe('application/geopackage+sqlite3');
    const file = saved('muhtarliklar.gpkg', d.bytes);
    const summary = await ogrinfo('-al', '-so', file);
    expect(summary).toMatch(/Layer name: muhtarliklar/);
    expect(summary).toMatch(/Geometry: Point/);
    expect(summary).toMatch(/Feature Count: 4/);
    expect(summary).toMatch(/ID\["EPSG",4326\]/);
    expect(summary).toMatch(/Extent: \(28\.829300, 41\.029100\) - \(28\.850600, 41\.041200\)/);
    for (const [field, type] of [['mahalle_adi', 'String'], ['oda_sayisi', 'Integer'], ['alan', 'Real'], ['acilis_tarihi', 'Date'], ['aktif', 'Integer\\(Boolean\\)']]) {
      expect(summary).toMatch(new RegExp(`^${field}: ${type} `, 'm'));
    }
    const all = await ogrinfo('-al', '-q', file, '-where', "mahalle_adi = 'Kirazlı'");
    expect(all).toMatch(/mahalle_adi \(String\) = Kirazlı/);
    expect(all).toMatch(/alan \(Real\) = 15\.75/);
    expect(all).toMatch(/POINT \(28\.8421 41\.0333\)/);
  });

  it.runIf(HAS_GDAL)('Shapefile: a zip of .shp/.shx/.dbf/.prj/.cpg that ogrinfo reads, names cut to 10 characters, UTF-8 text', async () => {
    const d = await ok(`/api/datasets/${ID}/downloads/shp`);
    expect(d.headers.get('content-type')).toBe('application/zip');
    expect(d.headers.get('content-disposition')).toMatch(/filename="bagcilar-muhtarliklar-v2\.zip"/);
    const into = fs.mkdtempSync(path.join(dir, 'shp-'));
    const files = (await unzipSafely(saved('muhtarliklar.zip', d.bytes), into)).map((f) => path.basename(f)).sort();
    expect(files).toEqual(['cpg', 'dbf', 'prj', 'shp', 'shx'].map((ext) => `bagcilar-muhtarliklar-v2.${ext}`));
    expect(fs.readFileSync(path.join(into, 'bagcilar-muhtarliklar-v2.cpg'), 'utf8')).toBe('UTF-8');
    const shp = path.join(into, 'bagcilar-muhtarliklar-v2.shp');
    const summary = await ogrinfo('-al', '-so', shp);
    expect(summary).toMatch(/Geometry: Point/);
    expect(summary).toMatch(/Feature Count: 4/);
    expect(summary).toMatch(/GEOGCRS\["WGS 84"|GEOGCS\["WGS 84"|GCS_WGS_1984/);
    expect(summary).toMatch(/Extent: \(28\.829300, 41\.029100\) - \(28\.850600, 41\.041200\)/);
    // muhtarlik_acilis_saati → muhtarlik_; mahalle_adi → mahalle_ad.
    for (const [field, type] of [['mahalle_ad', 'String'], ['oda_sayisi', 'Integer'], ['alan', 'Real'], ['acilis_tar', 'Date'], ['muhtarlik_', 'String']]) {
      expect(summary).toMatch(new RegExp(`^${field}: ${type} `, 'm'));
    }
    const all = await ogrinfo('-al', '-q', shp);
    expect(all).toMatch(/mahalle_ad \(String\) = Kirazlı/);
    expect(all).toMatch(/not \(String\) = Yan bina; 2\. kat, "eski" muhtarlık/);
    expect(all).toMatch(/alan \(Real\) = 15\.75/);
    expect(all).toMatch(/POINT \(28\.8421 41\.0333\)/);

    // Polygons: the 22 mahalle, read back with the same areas PostGIS computes.
    const polygons = await ok('/api/datasets/neighbourhoods/downloads/shp');
    const polygonDir = fs.mkdtempSync(path.join(dir, 'shp-'));
    const polygonFiles = await unzipSafely(saved('neighbourhoods.zip', polygons.bytes), polygonDir);
    const polygonShp = polygonFiles.find((f) => f.endsWith('.shp'))!;
    const polygonSummary = await ogrinfo('-al', '-so', polygonShp);
    expect(polygonSummary).toMatch(/Geometry: Polygon/);
    expect(polygonSummary).toMatch(/Feature Count: 22/);
    const sql = await ogrinfo(polygonShp, '-dialect', 'SQLite', '-sql', `SELECT sum(ST_Area(geometry)) AS area FROM "${path.basename(polygonShp, '.shp')}"`);
    const { rows } = await platform.db.knex.raw('SELECT sum(ST_Area(geom)) AS area FROM neighbourhoods');
    expect(Number(/area \(Real\) = ([\d.e-]+)/.exec(sql)?.[1])).toBeCloseTo(rows[0].area, 10);
  });

  it.runIf(HAS_GDAL)('KML: ogrinfo reads the placemarks, the schema fields and a Turkish value in WGS 84', async () => {
    const d = await ok(`/api/datasets/${ID}/downloads/kml`);
    expect(d.headers.get('content-type')).toMatch(/^application\/vnd\.google-earth\.kml\+xml/);
    const file = saved('muhtarliklar.kml', d.bytes);
    const summary = await ogrinfo('-al', '-so', file);
    expect(summary).toMatch(/Feature Count: 4/);
    expect(summary).toMatch(/WGS 84/);
    for (const field of ['mahalle_adi', 'oda_sayisi', 'alan', 'aktif']) expect(summary).toMatch(new RegExp(`^${field}: `, 'm'));
    const all = await ogrinfo('-al', '-q', file);
    expect(all).toMatch(/mahalle_adi \(String\) = Kirazlı/);
    expect(all).toMatch(/POINT \(28\.8421 41\.0333/);
    const polygons = await ogrinfo('-al', '-so', saved('neighbourhoods.kml', (await ok('/api/datasets/neighbourhoods/downloads/kml')).bytes));
    expect(polygons).toMatch(/Feature Count: 22/);
  });

  it('XLSX: exceljs and GDAL read the header, every row with numbers as numbers, and the column sheet', async () => {
    const d = await ok(`/api/datasets/${ID}/downloads/xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(d.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('veri')!;
    expect(sheet.actualRowCount).toBe(5);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...PUBLIC_FIELDS, 'longitude', 'latitude']);
    const rows = [2, 3, 4, 5].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    const kirazli = rows.find((r) => r[1] === 'Kirazlı')!;
    expect(kirazli.slice(2, 6)).toEqual([5, 15.75, new Date('2021-06-30T00:00:00Z'), true]);
    expect(kirazli.slice(-2)).toEqual([28.8421, 41.0333]);
    if (HAS_GDAL) {
      // A second, independent reader: GDAL's XLSX driver.
      const summary = await ogrinfo('-so', saved('muhtarliklar.xlsx', d.bytes), 'veri');
      expect(summary).toMatch(/Feature Count: 4/);
      for (const [field, type] of [['mahalle_adi', 'String'], ['oda_sayisi', 'Integer'], ['alan', 'Real'], ['acilis_tarihi', 'Date']]) {
        expect(summary).toMatch(new RegExp(`^${field}: ${type} `, 'm'));
      }
    }
    const columns = workbook.getWorksheet('sütunlar')!;
    expect(columns.actualRowCount).toBe(1 + PUBLIC_FIELDS.length);
    expect((columns.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['mahalle_adi', 'Mahalle Adı', 'Mahalle Adı']);
  });

  it('no internal or personal column name or value reaches an anonymous caller in any format; a viewer gets internal only', async () => {
    const formats = ['csv', 'csv-excel', 'geojson', 'gpkg', 'shp', 'kml', 'xlsx'];
    for (const format of formats) {
      const anonymous = await readable(format, (await ok(`/api/datasets/${ID}/downloads/${format}`)).bytes);
      expect(anonymous, format).toContain('Kirazl');
      for (const hidden of [...INTERNAL, ...PERSONAL]) expect(anonymous.includes(hidden), `${format} leaks ${hidden}`).toBe(false);
      const viewer = await readable(format, (await ok(`/api/datasets/${ID}/downloads/${format}`, keys.viewer)).bytes);
      expect(viewer, format).toContain('Zeynep Şahin');
      for (const hidden of PERSONAL) expect(viewer.includes(hidden), `${format} leaks ${hidden} to a viewer`).toBe(false);
    }
    // The check can fail: an administrator is cleared for personal data and gets it.
    const admin = (await ok(`/api/datasets/${ID}/downloads/csv`, keys.admin)).bytes.toString('utf8');
    for (const shown of PERSONAL) expect(admin).toContain(shown);
    const cacheControl = (await got(`/api/datasets/${ID}/downloads/csv`, keys.viewer)).headers.get('cache-control');
    expect(cacheControl).toBe('private, no-store');
  });

  it('a kept older version downloads its own rows under its own name; an unknown version is a 404 naming version', async () => {
    const d = await ok(`/api/datasets/${ID}/downloads/csv?version=1`);
    expect(d.headers.get('content-disposition')).toMatch(/filename="bagcilar-muhtarliklar-v1\.csv"/);
    const rows = Papa.parse<Record<string, string>>(d.bytes.toString('utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.mahalle_adi).sort()).toEqual(['Güneşli', 'Yavuz Selim', 'İnönü']);
    const shp = await ok(`/api/datasets/${ID}/downloads/geojson?version=1`);
    expect(JSON.parse(shp.bytes.toString('utf8')).features).toHaveLength(3);
    for (const [query, status] of [['version=99', 404], ['version=0', 400], ['version=abc', 400]] as const) {
      const bad = await got(`/api/datasets/${ID}/downloads/csv?${query}`);
      expect(bad.status, query).toBe(status);
      expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(bad.bytes.toString('utf8')).parameter).toBe('version');
    }
  });

  it('answers problems naming the parameter: unknown, unpublished or personal dataset; unknown format; spatial format without geometry', async () => {
    const cases: [string, number, string][] = [
      ['/api/datasets/nope/downloads/csv', 404, 'id'],
      ['/api/datasets/citizen_requests/downloads/csv', 404, 'id'],
      ['/api/datasets/citizen_request_applicants/downloads/csv', 404, 'id'],
      ['/api/datasets/citizen_request_applicants/downloads', 404, 'id'],
      [`/api/datasets/${ID}/downloads/pdf`, 400, 'format'],
      ['/api/datasets/indicators/downloads/gpkg', 404, 'format'],
      ['/api/datasets/indicators/downloads/shp', 404, 'format'],
    ];
    for (const [url, status, parameter] of cases) {
      const d = await got(url);
      expect(d.status, url).toBe(status);
      expect(d.headers.get('content-type'), url).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(d.bytes.toString('utf8')).parameter, url).toBe(parameter);
    }
    // A viewer is cleared for the internal citizen-request dataset.
    expect((await got('/api/datasets/citizen_requests/downloads/csv', keys.viewer)).status).toBe(200);
  });

  it('lists each format with the size and sha256 of exactly the bytes its URL returns', async () => {
    for (const [id, formats] of [[ID, ['csv', 'csv-excel', 'geojson', 'gpkg', 'shp', 'kml', 'xlsx']], ['indicators', ['csv', 'csv-excel', 'xlsx']]] as const) {
      const listing = await ok(`/api/datasets/${id}/downloads`);
      const body = JSON.parse(listing.bytes.toString('utf8'));
      expect(body.dataset).toBe(id);
      expect(body.files.map((f: { format: string }) => f.format)).toEqual(formats);
      for (const file of body.files) {
        expect(file.url).toBe(`${platform.url}/api/datasets/${id}/downloads/${file.format}`);
        const d = await ok(new URL(file.url).pathname);
        expect(d.bytes.length, file.format).toBe(file.size);
        expect(createHash('sha256').update(d.bytes).digest('hex'), file.format).toBe(file.sha256);
        expect(d.headers.get('content-type')).toBe(file.mediaType);
        expect(d.headers.get('etag')).toBe(`"${file.sha256}"`);
        expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(d.headers.get('content-disposition')!)![1]!)).toBe(file.fileName);
      }
    }
    const old = JSON.parse((await ok(`/api/datasets/${ID}/downloads?version=1`)).bytes.toString('utf8'));
    expect(old.version).toBe(1);
    const csv = old.files.find((f: { format: string }) => f.format === 'csv');
    expect(csv.url).toMatch(/\/downloads\/csv\?version=1$/);
    const d = await ok(new URL(csv.url).pathname + new URL(csv.url).search);
    expect(createHash('sha256').update(d.bytes).digest('hex')).toBe(csv.sha256);
  });

  it('the first download streams the file as it is made; later ones send the same bytes with a length; If-None-Match gives 304', async () => {
    const first = await ok('/api/datasets/facilities/downloads/geojson');
    expect(first.headers.get('content-length')).toBeNull();
    const second = await ok('/api/datasets/facilities/downloads/geojson');
    expect(Number(second.headers.get('content-length'))).toBe(second.bytes.length);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    const etag = second.headers.get('etag')!;
    expect((await got('/api/datasets/facilities/downloads/geojson', undefined, { 'If-None-Match': etag })).status).toBe(304);
    const { rows } = await platform.db.knex.raw('SELECT count(*)::int AS n FROM facilities');
    expect(JSON.parse(second.bytes.toString('utf8')).features).toHaveLength(rows[0].n);
  });

  it('counts each download, not the 304s nor the listings', async () => {
    const count = async () => {
      const { rows } = await platform.db.knex.raw("SELECT coalesce(sum(downloads), 0)::int AS n FROM portal.usage WHERE dataset_id = 'district'");
      return rows[0].n as number;
    };
    const before = await count();
    await ok('/api/datasets/district/downloads');
    const d = await ok('/api/datasets/district/downloads/kml');
    await ok('/api/datasets/district/downloads/csv');
    expect((await got('/api/datasets/district/downloads/kml', undefined, { 'If-None-Match': d.headers.get('etag')! })).status).toBe(304);
    expect(await count()).toBe(before + 2);
  });
  it('requests for a file while it is being made share one production and get the same bytes', async () => {
    const url = '/api/datasets/facilities/downloads/kml';
    const answers = await Promise.all([ok(url), ok(url), ok(url)]);
    for (const a of answers) expect(a.bytes.equals(answers[0]!.bytes)).toBe(true);
    const listing = JSON.parse((await ok('/api/datasets/facilities/downloads')).bytes.toString('utf8'));
    expect(listing.files.find((f: { format: string }) => f.format === 'kml').sha256).toBe(createHash('sha256').update(answers[0]!.bytes).digest('hex'));
  });

  it('never serves a file made before a column was reclassified: a column made personal leaves the next download', async () => {
    const before = (await ok(`/api/datasets/${ID}/downloads/csv`)).bytes.toString('utf8');
    expect(before).toContain('Çınar sokak');
    const dataset = (await getDataset(platform.db.knex, ID))!;
    await upsertDataset(platform.db.knex, { ...dataset, columns: dataset.columns.map((c) => (c.name === 'not' ? { ...c, privacy: 'personal' as const } : c)) });
    try {
      for (const format of ['csv', 'geojson', 'xlsx']) {
        const after = await readable(format, (await ok(`/api/datasets/${ID}/downloads/${format}`)).bytes);
        expect(after, format).toContain('Kirazl');
        expect(after, format).not.toContain('Çınar sokak');
      }
    } finally {
      await upsertDataset(platform.db.knex, dataset);
    }
  });
});
