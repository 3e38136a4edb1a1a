import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { openDatabase, SQL_TYPE, type ColumnType, type Database, type Dataset, type Engine, type GeometryType } from '@kbs/core';
import { createGenericDataset, loadDataset } from '@kbs/etl';
import { copyEscape, rowEncoder } from '../src/copyRows';
import { ewkbHex } from '../src/ewkb';
import { defaultLoader, openRowSink, type Loader } from '../src/rowSink';
import type { Row } from '../src/staging';
import { ENGINES } from '../../test/support/engines';
import { createServerDatabase, embeddedSnapshot } from '../../test/support/testDatabase';

function testDataset(table: string, columns: [string, ColumnType][], geometryType: GeometryType | null): Dataset {
  return {
    id: table, table, geometryType, idColumn: 'id', keepVersions: 3,
    columns: columns.map(([name, type]) => ({ name, type, titleTr: name, titleEn: name, privacy: 'public' as const })),
  } as unknown as Dataset;
}

const ALL_TYPES: [string, ColumnType][] = [
  ['id', 'text'], ['t', 'text'], ['i', 'integer'], ['b', 'bigint'], ['d', 'double'], ['flag', 'boolean'],
  ['day', 'date'], ['at', 'timestamptz'], ['attrs', 'jsonb'], ['names', 'text[]'],
];

/** Texts that break naive COPY or CSV writers. */
const AWKWARD_TEXTS: (string | null | undefined)[] = [
  'tab\there', 'line\nbreak', 'cr\rlf\r\n', 'back\\slash', '\\N', '\\.', '\\', 'quote "double" \'single\'', '', ' ', null, undefined,
  'İıŞşĞğÜüÖöÇç — BAĞCILAR', 'NULL', '😀 emoji', 'e\u0301 combining', 'comma, semicolon; pipe|', '{"not": "json"}', '{a,b}',
  // Lines longer than the sink's 256 kB chunk, and one that only fits a new chunk.
  'ş'.repeat(90_000), 'x'.repeat(60_000),
];

const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];

/** Rows with every awkward value; some (marked) only the jsonb path can carry. */
function awkwardRows(): Row[] {
  const rows: Row[] = AWKWARD_TEXTS.map((t, n) => ({ id: `t${String(n).padStart(2, '0')}`, t, geom: { type: 'Polygon', coordinates: square(28.82 + n / 1000, 41.03, 0.001) } }));
  const more: Row[] = [
    { id: 'n1', i: 0, b: 9007199254740991, d: 0.1, flag: true, day: '2024-02-29', at: '2024-03-01T10:00:00+03:00' },
    { id: 'n2', i: -5, b: '123456789012', d: -0, flag: false, day: new Date('2024-02-29T00:00:00Z'), at: new Date(0) },
    { id: 'n3', i: '12', b: -1, d: 123456.789, flag: 'true', at: new Date(Number.NaN) },
    { id: 'n4', i: Number.NaN, d: Number.POSITIVE_INFINITY, flag: null },
    { id: 'n5', d: 1e-7 }, // "1e-7": only the jsonb path prints it as numeric does
    { id: 'n6', d: 1e300 },
    { id: 'j1', attrs: { a: 1, 'ş': 'İ\n\t\\ "q"', list: [1, null, 'x'], nested: { deep: true } } },
    { id: 'j2', attrs: [] },
    { id: 'j3', attrs: 'a string' },
    { id: 'j4', attrs: 5 },
    { id: 'j5', attrs: {} },
    { id: 'j6', attrs: null },
    { id: 'j7', attrs: { capacity: 29, 'opening year': 1969, '"q"\\': -0, big: 1e21, small: 1e-7, 'İ': 0.1 } },
    { id: 'j8', attrs: { n: 1, missing: undefined } },
    { id: 'j9', attrs: { n: 1, nan: Number.NaN } },
    { id: 'a1', names: ['a', 'b "q"', 'back\\slash', '', null, 'İstanbul', 'with,comma', 'with{brace}', 'NULL', 'tab\t'] },
    { id: 'a2', names: [] },
    { id: 'a3', names: [1, true, 2.5] },
    { id: 'a4', names: null },
    { id: 'a5', names: [['nested']] }, // jsonb path only
    { id: 'g1', geom: { type: 'MultiPolygon', coordinates: [square(28.83, 41.04, 0.01), square(28.85, 41.04, 0.01)] } },
    { id: 'g2', geom: { type: 'Polygon', coordinates: [[[28.8, 41, 12], [28.81, 41, 13], [28.81, 41.01, 14], [28.8, 41, 15]]] } },
    { id: 'g3', geom: { type: 'Polygon', coordinates: [...square(28.8, 41, 0.1), [[28.82, 41.02], [28.83, 41.02], [28.83, 41.03], [28.82, 41.02]]] } },
    { id: 'g4', geom: { type: 'Polygon', coordinates: [[[28.8, 41], [28.81, 41], [28.81, 41.01]]] } }, // unclosed: jsonb path only
    { id: 'g5', geom: null },
  ];
  return [...rows, ...more];
}

describe('COPY text encoding', () => {
  it('escapes backslash, tab, newline and carriage return, and nothing else', () => {
    expect(copyEscape('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyEscape('\\N')).toBe('\\\\N');
    expect(copyEscape('İıŞşĞğ "q" \'s\' ,;|')).toBe('İıŞşĞğ "q" \'s\' ,;|');
    expect(copyEscape('')).toBe('');
  });

  it('writes NULL as \\N and an empty string as an empty field', () => {
    const encode = rowEncoder(testDataset('x', ALL_TYPES, null), 7);
    expect(encode({ id: 'r', t: '' })).toBe('7\tr\t\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n');
    expect(encode({ id: 'r', t: 'a\tb', i: 3, d: Number.NaN, flag: false, attrs: { k: 'v\n' }, names: ['x', null, 'q"\\'] }))
      .toBe('7\tr\ta\\tb\t3\t\\N\t\\N\tfalse\t\\N\t\\N\t{"k":"v\\\\n"}\t{"x",NULL,"q\\\\"\\\\\\\\"}\n');
  });

  it('writes a jsonb object of numbers as JSON.stringify does', () => {
    const encode = rowEncoder(testDataset('x', [['id', 'text'], ['attrs', 'jsonb']], null), 1);
    const objects = [{ capacity: 29, opening_year: 1969 }, { 'a "q"\\': -0, '1': 2.5, big: 1e21, small: -1e-7 }, {}, { n: 1, s: 'x' }, { n: Number.NaN }, { n: undefined }, Object.assign(Object.create({ inherited: 1 }), { own: 2 })];
    for (const attrs of objects) expect(encode({ id: 'r', attrs })).toBe(`1\tr\t${copyEscape(JSON.stringify(attrs))}\n`);
  });

  it('leaves to the jsonb path what it would store differently', () => {
    const encode = rowEncoder(testDataset('x', ALL_TYPES, 'Point'), 1);
    expect(encode({ id: 'r', t: { an: 'object' } })).toBeUndefined();
    expect(encode({ id: 'r', d: 1e21 })).toBeUndefined();
    expect(encode({ id: 'r', t: 'lone \ud800 surrogate' })).toBeUndefined();
    expect(encode({ id: 'r', names: 'not an array' })).toBeUndefined();
    expect(encode({ id: 'r', geom: { type: 'Point', coordinates: ['28.8', '41'] } })).toBeUndefined();
    expect(encode({ id: 'r', geom: { type: 'Point', coordinates: [28.8, 41] } })).toMatch(/\t0101000020E6100000[0-9A-F]{32}\n$/i);
  });
});

describe('EWKB from GeoJSON', () => {
  const le = (...values: number[]) => {
    const b = Buffer.alloc(values.length * 8);
    values.forEach((v, i) => b.writeDoubleLE(v, i * 8));
    return b.toString('hex');
  };

  it('writes a WGS84 point with its SRID, and drops Z', () => {
    expect(ewkbHex({ type: 'Point', coordinates: [28.8506, 41.0291] })).toBe(`0101000020e6100000${le(28.8506, 41.0291)}`);
    expect(ewkbHex({ type: 'Point', coordinates: [28.8506, 41.0291, 55] })).toBe(`0101000020e6100000${le(28.8506, 41.0291)}`);
    expect(ewkbHex({ type: 'Point', coordinates: [-0, 41] })).toBe(`0101000020e6100000${le(0, 41)}`);
  });

  it('makes a Polygon a MultiPolygon of one when asked', () => {
    const polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    expect(ewkbHex(polygon)).toBe(`0103000020e61000000100000004000000${le(0, 0, 1, 0, 1, 1, 0, 0)}`);
    expect(ewkbHex(polygon, { multi: true })).toBe(`0106000020e610000001000000010300000001000000${'04000000'}${le(0, 0, 1, 0, 1, 1, 0, 0)}`);
  });

  it.each([
    ['an unclosed ring', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }],
    ['a one-point line', { type: 'LineString', coordinates: [[0, 0]] }],
    ['an empty point', { type: 'Point', coordinates: [] }],
    ['an empty collection', { type: 'MultiPoint', coordinates: [] }],
    ['a crs member', { type: 'Point', coordinates: [1, 2], crs: { type: 'name', properties: { name: 'EPSG:3857' } } }],
    ['string coordinates', { type: 'Point', coordinates: ['1', '2'] }],
    ['a NaN', { type: 'Point', coordinates: [Number.NaN, 2] }],
    ['an unknown type', { type: 'Circle', coordinates: [1, 2] }],
  ])('leaves %s to PostGIS', (_name, geometry) => {
    expect(ewkbHex(geometry)).toBeUndefined();
  });
});

async function openTestDatabase(engine: Engine): Promise<{ db: Database; close(): Promise<void> }> {
  if (engine === 'embedded') {
    const db = await openDatabase({ databaseUrl: null, dataDir: null, snapshot: embeddedSnapshot() });
    return { db, close: () => db.close() };
  }
  const server = await createServerDatabase();
  const db = await openDatabase({ databaseUrl: server.url, dataDir: null });
  return { db, async close() { await db.close(); await server.drop(); } };
}

/** Every row of a table as PostgreSQL prints it (geometry as hex EWKB), in id order. */
async function storedRows(knex: Knex, table: string): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { r: string }[] }>('SELECT t::text AS r FROM data.?? t ORDER BY id COLLATE "C"', [table]);
  return rows.map((r) => r.r);
}

async function createPartition(knex: Knex, dataset: Dataset, version: number, geometry: string | null): Promise<void> {
  const columns = dataset.columns.map((c) => `"${c.name}" ${SQL_TYPE[c.type]}`);
  await knex.raw(`CREATE TABLE data.?? (_version integer NOT NULL, ${columns.join(', ')}${geometry ? `, geom ${geometry}` : ''})`, [`${dataset.table}__v${version}`]);
}

/** Writes the batches through a sink of the given kind into a fresh table; returns what was stored. */
async function throughSink(knex: Knex, loader: Loader, table: string, columns: [string, ColumnType][], geometryType: GeometryType | null, batches: [Row[], string][]): Promise<string[]> {
  const dataset = testDataset(table, columns, geometryType);
  await createPartition(knex, dataset, 1, geometryType ? `geometry(${geometryType}, 4326)` : null);
  const sink = openRowSink(loader, knex, dataset, 1);
  try {
    for (const [rows, crs] of batches) await sink.write(rows, crs);
    await sink.finish();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  return storedRows(knex, `${table}__v1`);
}

describe.each(ENGINES)('COPY and the jsonb path store the same rows on the %s engine', (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let dir: string;
  /** The ways rows can be loaded on this engine (COPY needs a real PostgreSQL). */
  let loaders: Loader[];
  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(engine));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-copy-'));
    loaders = engine === 'server' ? ['insert', 'copy'] : ['insert'];
  });
  afterAll(async () => {
    await close?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads through COPY on a server and through jsonb statements on the embedded engine by default', async () => {
    expect(await defaultLoader(db.knex)).toBe(engine === 'server' ? 'copy' : 'insert');
  });

  it('reads the EWKB it is sent as ST_GeomFromGeoJSON reads the GeoJSON', async () => {
    const geometries = [
      { type: 'Point', coordinates: [28.8506, 41.0291] },
      { type: 'Point', coordinates: [28.8506, 41.0291, 120.5] },
      { type: 'LineString', coordinates: [[28.8, 41], [28.81, 41.01, 3], [28.82, 41.0123456789]] },
      { type: 'Polygon', coordinates: [...square(28.8, 41, 0.1), [[28.82, 41.02], [28.83, 41.02], [28.83, 41.03], [28.82, 41.02]]] },
      { type: 'MultiPoint', coordinates: [[1, 2], [3, 4, 5]] },
      { type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8], [9, 10]]] },
      { type: 'MultiPolygon', coordinates: [square(1, 1, 1), square(5, 5, 2)] },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'LineString', coordinates: [[1, 2], [3, 4]] }] },
      { type: 'Point', coordinates: [399036.123, 4541266.987] },
      { type: 'Point', coordinates: [1e-300, -123456789.123456789] },
    ];
    for (const geometry of geometries) {
      for (const multi of [false, true]) {
        const hex = ewkbHex(geometry, { multi });
        expect(hex, JSON.stringify(geometry)).toBeDefined();
        const expected = multi ? 'ST_Multi(ST_Force2D(ST_GeomFromGeoJSON(?)))' : 'ST_Force2D(ST_GeomFromGeoJSON(?))';
        const { rows } = await db.knex.raw<{ rows: { ours: string; theirs: string }[] }>(
          `SELECT encode(ST_AsEWKB(?::geometry), 'hex') AS ours, encode(ST_AsEWKB(${expected}), 'hex') AS theirs`, [hex!, JSON.stringify(geometry)]);
        expect(rows[0]!.ours, `${JSON.stringify(geometry)} multi=${multi}`).toBe(rows[0]!.theirs);
      }
    }
  });

  it('stores tabs, newlines, backslashes, quotes, empty strings, NULLs, Turkish text, jsonb, arrays and Multi geometries alike', async () => {
    const results = new Map<Loader, string[]>();
    for (const loader of loaders) {
      results.set(loader, await throughSink(db.knex, loader, `awkward_${loader}`, ALL_TYPES, 'MultiPolygon', [[awkwardRows(), 'EPSG:4326']]));
    }
    const reference = results.get('insert')!;
    expect(reference).toHaveLength(awkwardRows().length);
    if (results.has('copy')) expect(results.get('copy')).toEqual(reference);
    // And the texts are what was sent, character for character.
    const texts = await db.knex('data.awkward_insert__v1').select('id', 't').where('id', 'like', 't%').orderBy('id');
    expect(texts.map((r) => r.t)).toEqual(AWKWARD_TEXTS.map((t) => t ?? null));
    if (results.has('copy')) {
      const copied = await db.knex('data.awkward_copy__v1').select('t').where('id', 'like', 't%').orderBy('id');
      expect(copied.map((r) => r.t)).toEqual(AWKWARD_TEXTS.map((t) => t ?? null));
      const names = await db.knex('data.awkward_copy__v1').first('names', 'attrs').where({ id: 'a1' });
      expect(names.names).toEqual(['a', 'b "q"', 'back\\slash', '', null, 'İstanbul', 'with,comma', 'with{brace}', 'NULL', 'tab\t']);
    }
  });

  it('reprojects from EPSG:5254 and from a WKT as ST_Transform does, a CRS change mid-load included', async () => {
    const { rows: [srs] } = await db.knex.raw<{ rows: { wkt: string }[] }>('SELECT srtext AS wkt FROM spatial_ref_sys WHERE srid = 5254');
    const tm30 = (n: number): Row => ({ id: `p${n}`, t: `nokta ${n}`, geom: { type: 'Point', coordinates: [399036 + n * 10.5, 4541266 - n * 3.25] } });
    const lines = (n: number): Row => ({ id: `l${n}`, t: null, geom: { type: 'LineString', coordinates: [[399036 + n, 4541266], [399136, 4541366 + n, 7]] } });
    const columns: [string, ColumnType][] = [['id', 'text'], ['t', 'text']];
    for (const [name, crs] of [['epsg', 'EPSG:5254'], ['wkt', srs!.wkt]] as const) {
      const points = new Map<Loader, string[]>();
      const lineStrings = new Map<Loader, string[]>();
      for (const loader of loaders) {
        points.set(loader, await throughSink(db.knex, loader, `tm30_${name}_${loader}`, columns, 'Point', [
          [[0, 1, 2].map(tm30), crs], [[3, 4].map(tm30), crs],
        ]));
        // Multi* from single geometries, in a CRS that appears only after a first WGS84 batch.
        lineStrings.set(loader, await throughSink(db.knex, loader, `tm30l_${name}_${loader}`, columns, 'MultiLineString', [
          [[{ id: 'w0', t: 'wgs84', geom: { type: 'LineString', coordinates: [[28.8, 41], [28.81, 41.01]] } }], 'EPSG:4326'],
          [[1, 2, 3].map(lines), crs],
        ]));
      }
      expect(points.get('insert')).toHaveLength(5);
      expect(lineStrings.get('insert')).toHaveLength(4);
      const { rows: [check] } = await db.knex.raw<{ rows: { x: number; y: number }[] }>(`SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM data.?? WHERE id = 'p0'`, [`tm30_${name}_insert__v1`]);
      expect(check!.x).toBeCloseTo(28.8, 1);
      expect(check!.y).toBeCloseTo(41.0, 1);
      if (loaders.includes('copy')) {
        expect(points.get('copy')).toEqual(points.get('insert'));
        expect(lineStrings.get('copy')).toEqual(lineStrings.get('insert'));
      }
    }
  });

  it('streams more than its buffers hold and waits for PostgreSQL (backpressure)', async () => {
    const long = 'Bağcılar\t"uzun"\\metin\n'.repeat(20);
    const batches: [Row[], string][] = [];
    for (let b = 0; b < 15; b++) {
      batches.push([Array.from({ length: 2000 }, (_, i) => ({ id: `r${b}-${i}`, t: `${long}${b}-${i}`, geom: { type: 'Point', coordinates: [28.8 + i / 1e5, 41 + b / 1e3] } })), 'EPSG:4326']);
    }
    for (const loader of loaders) {
      const stored = await throughSink(db.knex, loader, `many_${loader}`, [['id', 'text'], ['t', 'text']], 'Point', batches);
      expect(stored).toHaveLength(30_000);
    }
    const first = await db.knex(`data.many_${loaders.at(-1)}__v1`).first('t').where({ id: 'r0-0' });
    expect(first.t).toBe(`${long}0-0`);
    if (loaders.includes('copy')) {
      const { rows } = await db.knex.raw<{ rows: { a: string; b: string }[] }>(`SELECT
        (SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM data.many_insert__v1 t) AS a,
        (SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM data.many_copy__v1 t) AS b`);
      expect(rows[0]!.a).toBe(rows[0]!.b);
    }
  });

  it('loads a CSV file end to end alike, rejected rows reported with their lines', async () => {
    const header = 'facility_id,category,name,address,mahalle,latitude,longitude,source,capacity,opening_year';
    const lines = [
      'c1,school,"İnönü İlkokulu, ""Ek"" Bina","Adres\t1",İNÖNÜ MAH.,41.0291,28.8506,test,250,1995',
      'c2,park,"Çok\nsatırlı Park",back\\slash,Evren,41.0361,28.8169,,,',
      'c3,spaceport,Uzay,,Merkez,41.03,28.86,test,,',
      'c4,library,"Kütüphane \\N",,,41.05,28.84,"kaynak ""q""",1.234,2001',
      'c5,mosque,Cami,,Merkez,0,0,test,,',
      ...Array.from({ length: 60 }, (_, i) => `d${i},wifi_point,Nokta ${i},"Sokak ${i}\ttab",Kemalpaşa,${(41.04 + i / 1e4).toFixed(5)},${(28.83 + i / 1e4).toFixed(5)},test,${i},`),
    ];
    const versions = new Map<Loader, number>();
    for (const loader of loaders) {
      const file = path.join(dir, `facilities-${loader}.csv`);
      // A different byte each time, so that the second load is not skipped as unchanged.
      fs.writeFileSync(file, `${[header, ...lines].join('\n')}\n${loader === 'copy' ? '\n' : ''}`);
      const report = await loadDataset(db.knex, file, 'facilities', { loader, maxRejectedShare: 0.1 });
      expect(report).toMatchObject({ status: 'succeeded', rowsRead: 65, rowsLoaded: 63, rowsRejected: 2 });
      // Physical lines: c2's quoted name spans lines 3 and 4.
      expect(report.rejections.map((r) => r.position)).toEqual(['line 5', 'line 7']);
      versions.set(loader, report.versions[0]!.version);
    }
    const rowsOf = async (version: number) => (await db.knex.raw<{ rows: { r: string }[] }>(
      `SELECT (t.id, t.category, t.name, t.address, t.uavt_code, t.attributes, t.source, t.geom)::text AS r FROM data.facilities t WHERE _version = ? ORDER BY id COLLATE "C"`, [version])).rows.map((r) => r.r);
    const reference = await rowsOf(versions.get('insert')!);
    expect(reference).toHaveLength(63);
    if (versions.has('copy')) expect(await rowsOf(versions.get('copy')!)).toEqual(reference);
    const c2 = await db.knex('facilities').first('name', 'address', 'source').where({ id: 'c2' });
    expect(c2).toEqual({ name: 'Çok\nsatırlı Park', address: 'back\\slash', source: null });
    // The indexes built before the attach are the parent's own (primary key included), not extra ones.
    for (const version of versions.values()) {
      const { rows } = await db.knex.raw<{ rows: { partition: number; attached: number; parent: number; constraints: string }[] }>(`SELECT
        (SELECT count(*)::int FROM pg_index WHERE indrelid = ?::regclass) AS partition,
        (SELECT count(*)::int FROM pg_index i JOIN pg_inherits h ON h.inhrelid = i.indexrelid WHERE i.indrelid = ?::regclass) AS attached,
        (SELECT count(*)::int FROM pg_index WHERE indrelid = 'data.facilities'::regclass) AS parent,
        (SELECT string_agg(contype::text, '' ORDER BY contype) FROM pg_constraint WHERE conrelid = ?::regclass AND contype IN ('c', 'p', 'u')) AS constraints`,
      [`data.facilities__v${version}`, `data.facilities__v${version}`, `data.facilities__v${version}`]);
      expect(rows[0]).toEqual({ partition: rows[0]!.parent, attached: rows[0]!.parent, parent: 2, constraints: 'cp' });
    }
  });

  it('loads polygons in EPSG:5254 into a MultiPolygon dataset alike', async () => {
    const feature = (n: number, ring: number[][], multi = false) => ({ type: 'Feature', properties: { ad: `Parsel ${n}\t"${n}"`, no: n },
      geometry: multi ? { type: 'MultiPolygon', coordinates: [[ring], [ring.map(([x, y, ...z]) => [x! + 10, y!, ...z])]] } : { type: 'Polygon', coordinates: [ring] } });
    const tm30Square = (n: number) => [[399000 + n * 50, 4541000], [399040 + n * 50, 4541000], [399040 + n * 50, 4541040], [399000 + n * 50, 4541040], [399000 + n * 50, 4541000]];
    const features = [
      ...Array.from({ length: 29 }, (_, n) => feature(n, tm30Square(n))),
      feature(29, tm30Square(29).map(([x, y]) => [x!, y!, 40])), // with heights
      feature(30, tm30Square(30), true),
    ];
    const file = path.join(dir, 'parseller.geojson');
    fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    await createGenericDataset(db.knex, file, { id: 'parseller', titleTr: 'Parseller', read: { sourceSrid: 5254 } });
    const versions = new Map<Loader, number>();
    for (const loader of loaders) {
      const copy = path.join(dir, `parseller-${loader}.geojson`);
      fs.writeFileSync(copy, `${fs.readFileSync(file, 'utf8')}${loader === 'copy' ? '\n' : ''}`);
      const report = await loadDataset(db.knex, copy, 'parseller', { loader, sourceSrid: 5254 });
      expect(report).toMatchObject({ status: 'succeeded', rowsLoaded: 31 });
      versions.set(loader, report.versions[0]!.version);
    }
    const rowsOf = async (version: number) => (await db.knex.raw<{ rows: { r: string }[] }>(
      `SELECT (t.id, t.ad, t.no, t.geom)::text AS r FROM data.parseller t WHERE _version = ? ORDER BY id`, [version])).rows.map((r) => r.r);
    const reference = await rowsOf(versions.get('insert')!);
    expect(reference).toHaveLength(31);
    if (versions.has('copy')) expect(await rowsOf(versions.get('copy')!)).toEqual(reference);
    const { rows } = await db.knex.raw<{ rows: { type: string; srid: number; x: number }[] }>('SELECT DISTINCT GeometryType(geom) AS type, ST_SRID(geom) AS srid, round(ST_XMin(geom)::numeric, 1)::float AS x FROM public.parseller WHERE id = 1');
    expect(rows).toEqual([{ type: 'MULTIPOLYGON', srid: 4326, x: 28.8 }]);
  });

  it('changes nothing when PostgreSQL refuses a value in the middle of a load, and keeps no connection busy', async () => {
    const file = path.join(dir, 'olaylar.csv');
    fs.writeFileSync(file, `olay;tarih\nA;2024-01-31\nB;2024-02-28\n`);
    await createGenericDataset(db.knex, file, { id: 'olaylar', titleTr: 'Olaylar' });
    await loadDataset(db.knex, file, 'olaylar');
    const before = await storedRowsOfView(db.knex, 'olaylar');
    // A rule of the table that no check of the pipeline knows: PostgreSQL is the one to refuse the row.
    await db.knex.raw('ALTER TABLE data.olaylar ALTER COLUMN olay SET NOT NULL');
    for (const loader of loaders) {
      const bad = path.join(dir, `olaylar-bad-${loader}.csv`);
      const rows = Array.from({ length: 9000 }, (_, i) => `O${i};2024-01-${String((i % 28) + 1).padStart(2, '0')}`);
      rows.splice(7000, 0, ';2024-01-30');
      fs.writeFileSync(bad, `olay;tarih\n${rows.join('\n')}\n`);
      const error = await loadDataset(db.knex, bad, 'olaylar', { loader }).catch((e: unknown) => e);
      // Said by its kind; the database's own words (which name the staged table) only in the run log.
      expect((error as Error).message).toBe('load failed: the database refused the load: the rows break a rule of the table (a repeated key or a missing required value) (SQLSTATE 23502); nothing was loaded');
      const run = await db.knex('catalog.etl_runs').where({ dataset_id: 'olaylar' }).orderBy('id', 'desc').first();
      expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/\[[\s\S]*null value in column "olay"/) });
      expect(await storedRowsOfView(db.knex, 'olaylar')).toEqual(before);
      const staging = await db.knex('catalog.versions').where({ dataset_id: 'olaylar', status: 'staging' });
      expect(staging).toEqual([]);
      const { rows: tables } = await db.knex.raw<{ rows: unknown[] }>("SELECT 1 FROM pg_tables WHERE schemaname = 'data' AND tablename LIKE 'olaylar\\_\\_v%' AND tablename NOT IN (SELECT 'olaylar__v' || version FROM catalog.versions WHERE dataset_id = 'olaylar' AND status <> 'retired')");
      expect(tables).toEqual([]);
    }
    if (engine === 'server') {
      const { rows } = await db.knex.raw<{ rows: { state: string }[] }>("SELECT state FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'");
      expect(rows).toEqual([]);
    }
    // The pool still works (the failed COPY's connection was rolled back or dropped, not leaked).
    fs.writeFileSync(file.replace('.csv', '-2.csv'), `olay;tarih\nC;2024-03-01\n`);
    expect(await loadDataset(db.knex, file.replace('.csv', '-2.csv'), 'olaylar')).toMatchObject({ status: 'succeeded', rowsLoaded: 1 });
  });

  it('rolls back a COPY under way when the file turns out broken, before or after its first rows were sent', async () => {
    const feature = (n: number) => ({ type: 'Feature', properties: { ad: `Durak ${n}\t"${n}"`, kod: n }, geometry: { type: 'Point', coordinates: [28.83 + n / 1e6, 41.04] } });
    const good = path.join(dir, 'duraklar.geojson');
    fs.writeFileSync(good, JSON.stringify({ type: 'FeatureCollection', features: [0, 1, 2].map(feature) }));
    await createGenericDataset(db.knex, good, { id: 'duraklar', titleTr: 'Duraklar' });
    await loadDataset(db.knex, good, 'duraklar');
    const before = await storedRowsOfView(db.knex, 'duraklar');
    // 10 features: the COPY has begun but nothing was sent yet; 5000: chunks are in PostgreSQL's hands.
    for (const count of [10, 5000]) {
      for (const loader of loaders) {
        const broken = path.join(dir, `duraklar-${count}-${loader}.geojson`);
        const text = JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: count }, (_, n) => feature(n)) });
        fs.writeFileSync(broken, `${text.slice(0, -2)},{"type": "Feature", "properties": {`);
        const error = await loadDataset(db.knex, broken, 'duraklar', { loader }).catch((e: unknown) => e);
        expect(error, `${count} ${loader}`).toBeInstanceOf(Error);
        expect(await storedRowsOfView(db.knex, 'duraklar')).toEqual(before);
        expect(await db.knex('catalog.versions').where({ dataset_id: 'duraklar', status: 'staging' })).toEqual([]);
      }
    }
    if (engine === 'server') {
      const { rows } = await db.knex.raw<{ rows: { state: string }[] }>("SELECT state FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'");
      expect(rows).toEqual([]);
    }
    const again = path.join(dir, 'duraklar-2.geojson');
    fs.writeFileSync(again, JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 4000 }, (_, n) => feature(n)) }));
    expect(await loadDataset(db.knex, again, 'duraklar')).toMatchObject({ status: 'succeeded', rowsLoaded: 4000 });
  });
});

async function storedRowsOfView(knex: Knex, view: string): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { r: string }[] }>('SELECT t::text AS r FROM public.?? t ORDER BY 1', [view]);
  return rows.map((r) => r.r);
}
