import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EtlError } from '../src/errors';
import { readGeoJson } from '../src/readers/geojson';
import type { SourceRecord } from '../src/readers/types';

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures/geojson/geojsonhint');
const HAVE_FIXTURES = fs.existsSync(FIXTURES);
if (!HAVE_FIXTURES) console.warn(`${FIXTURES} is absent: the geojsonhint fixture tests are skipped (they live in ../shared beside the checkout).`);

/** Bad in geojsonhint's eyes, taken on purpose: RFC 7946 §3.1.6 says parsers SHOULD NOT reject a winding; precision is no error. */
const ACCEPTED_ON_PURPOSE = ['bad-polygon-interiorring-rhr.geojson', 'polygon_winding_order.geojson', 'excessive_precision_truncated.geojson'];

async function read(file: string): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of readGeoJson(file)) out.push(r);
  return out;
}

describe.runIf(HAVE_FIXTURES)('GeoJSON reader against the geojsonhint fixtures', () => {
  const good = HAVE_FIXTURES ? fs.readdirSync(path.join(FIXTURES, 'good')) : [];
  const bad = HAVE_FIXTURES ? fs.readdirSync(path.join(FIXTURES, 'bad')) : [];

  it.each(good)('reads good/%s without a complaint', async (name) => {
    const records = await read(path.join(FIXTURES, 'good', name));
    expect(records.length).toBeGreaterThan(0);
    const errors = records.filter((r) => r.error).map((r) => r.error);
    // GeometryCollections are valid GeoJSON, but no dataset stores them.
    if (name.includes('geometrycollection')) expect(errors).toEqual(['GeometryCollection geometries are not loaded']);
    // Syntactically valid, but its positions (-259, -134) are no WGS84 longitude/latitude.
    else if (name === 'issue82.geojson') expect(errors).toEqual(['a position is outside longitude ±180 / latitude ±90']);
    else expect(errors).toEqual([]);
  });

  it.each(bad.filter((n) => !ACCEPTED_ON_PURPOSE.includes(n)))('refuses bad/%s: a clear error, a rejected feature or nothing to load', async (name) => {
    let records: SourceRecord[] = [];
    try {
      records = await read(path.join(FIXTURES, 'bad', name));
    } catch (error) {
      expect(error).toBeInstanceOf(EtlError);
      expect((error as Error).message).toContain(name);
      return;
    }
    const rejected = records.filter((r) => r.error);
    expect(records.length === 0 || rejected.length > 0, JSON.stringify(records).slice(0, 200)).toBe(true);
    for (const r of rejected) expect(r.position).toMatch(/^feature \d+$/);
  });
});

describe('GeoJSON reader', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-geojson-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a legacy crs member unless the source CRS is given', async () => {
    const file = path.join(dir, 'crs.geojson');
    fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:5254' } }, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [399036, 4541266] } }] }));
    await expect(read(file)).rejects.toThrowError(/legacy "crs" member/);
    const records: SourceRecord[] = [];
    for await (const r of readGeoJson(file, { sourceSrid: 5254 })) records.push(r);
    expect(records).toHaveLength(1);
    expect(records[0]!.error).toBeUndefined();
  });

  it('rejects positions outside longitude/latitude, naming the feature', async () => {
    const file = path.join(dir, 'range.geojson');
    fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: [28.8, 41] } },
      { type: 'Feature', properties: { a: 2 }, geometry: { type: 'Point', coordinates: [4541266, 399036] } },
    ] }));
    const records = await read(file);
    expect(records.map((r) => [r.position, r.error ?? null])).toEqual([
      ['feature 1', null],
      ['feature 2', 'a position is outside longitude ±180 / latitude ±90'],
    ]);
  });

  it('streams a large file with flat memory', async () => {
    const file = path.join(dir, 'large.geojson');
    const out = fs.createWriteStream(file);
    out.write('{"type":"FeatureCollection","features":[');
    const n = 150_000;
    for (let i = 0; i < n; i++) {
      out.write(`${i ? ',' : ''}{"type":"Feature","properties":{"id":${i},"name":"Özellik ${i}","note":"${'x'.repeat(100)}"},"geometry":{"type":"Point","coordinates":[28.8${i % 1000},41.0${i % 997}]}}`);
    }
    out.end(']}');
    await new Promise<void>((resolve) => out.on("finish", () => resolve()));
    const size = fs.statSync(file).size;
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'run with --expose-gc (vitest.config.ts sets it)').toBeTypeOf('function');
    gc!();
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let peak = before;
    for await (const r of readGeoJson(file)) {
      if (!r.error) count++;
      if (count % 25_000 === 0) {
        gc!();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(count).toBe(n);
    expect(size).toBeGreaterThan(30 * 1024 * 1024);
    // Far less than the file: the whole document is never held.
    expect(peak - before).toBeLessThan(size / 10);
  }, 120_000);
});
