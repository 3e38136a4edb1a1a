import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';

const run = promisify(execFile);
const HAS_GDAL = fs.existsSync('/usr/bin/ogrinfo');

describe.each(ENGINES)('OGC API – Features Part 3 (CQL2 filters) on the %s engine', (engine) => {
  let platform: TestPlatform;
  let items: string;
  const count = async (sql: string) => (await platform.db.knex.raw(sql)).rows[0].n as number;
  const get = async (query: string) => {
    const r = await fetch(`${items}?limit=10000&${query}`);
    return { status: r.status, body: (await r.json()) as any };
  };
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    items = `${platform.url}/ogc/collections/facilities/items`;
  });
  afterAll(async () => {
    await platform?.close();
  });

  it.each([
    ["category = 'park'", "category = 'park'"],
    ["category IN ('school','library') AND name LIKE '%okul%'", "category IN ('school','library') AND name LIKE '%okul%'"],
    ["NOT (category = 'park') AND uavt_code = '40159'", "NOT (category = 'park') AND uavt_code = '40159'"],
    ['address IS NOT NULL', 'address IS NOT NULL'],
    ['S_INTERSECTS(geom, BBOX(28.84, 41.03, 28.86, 41.05))', 'ST_Intersects(geom, ST_MakeEnvelope(28.84, 41.03, 28.86, 41.05, 4326))'],
    ['S_WITHIN(geom, POLYGON((28.84 41.03, 28.86 41.03, 28.86 41.05, 28.84 41.05, 28.84 41.03)))', 'ST_Within(geom, ST_MakeEnvelope(28.84, 41.03, 28.86, 41.05, 4326))'],
    ['S_DWITHIN(geom, POINT(28.85 41.04), 500)', 'ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(28.85, 41.04), 4326)::geography, 500)'],
  ])('CQL2 text %s matches the SQL count', async (filter, where) => {
    const { status, body } = await get(`filter=${encodeURIComponent(filter)}`);
    expect(status).toBe(200);
    const expected = await count(`SELECT count(*)::int AS n FROM facilities WHERE ${where}`);
    expect(expected).toBeGreaterThan(0);
    expect(body.numberMatched).toBe(expected);
  });

  it('takes CQL2 JSON and filters timestamps', async () => {
    const filter = { op: 'and', args: [{ op: '=', args: [{ property: 'category' }, 'park'] }, { op: 'like', args: [{ property: 'name' }, '%Park%'] }] };
    const { body } = await get(`filter-lang=cql2-json&filter=${encodeURIComponent(JSON.stringify(filter))}`);
    expect(body.numberMatched).toBe(await count(`SELECT count(*)::int AS n FROM facilities WHERE category = 'park' AND name LIKE '%Park%'`));
    const panoramas = await fetch(`${platform.url}/ogc/collections/panoramas/items?limit=1&filter=${encodeURIComponent("captured_at < TIMESTAMP('2024-01-01T00:00:00Z')")}`);
    const body2 = (await panoramas.json()) as any;
    expect(body2.numberMatched).toBe(await count(`SELECT count(*)::int AS n FROM panoramas WHERE captured_at < '2024-01-01T00:00:00Z'`));
    expect(body2.numberMatched).toBeGreaterThan(100);
  });

  it('publishes queryables as JSON Schema', async () => {
    const r = await fetch(`${platform.url}/ogc/collections/facilities/queryables`);
    expect(r.headers.get('content-type')).toMatch(/^application\/schema\+json/);
    const schema = (await r.json()) as any;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.category).toMatchObject({ type: 'string' });
    expect(schema.properties.geometry).toMatchObject({ format: 'geometry-point' });
  });

  it.each([
    ['filter=category%20%3D', 'filter'],
    ["filter=secret%20%3D%20'x'", 'filter'],
    ['filter-lang=sql&filter=1', 'filter-lang'],
    ['filter-lang=cql2-json&filter=%7Bnope', 'filter'],
    ['filter-crs=http://www.opengis.net/def/crs/EPSG/0/3857&filter=TRUE', 'filter-crs'],
  ])('rejects %s naming %s', async (query, parameter) => {
    const r = await fetch(`${items}?${query}`);
    expect(r.status).toBe(400);
    expect(((await r.json()) as any).parameter).toBe(parameter);
  });

  it.runIf(HAS_GDAL)('GDAL sends an attribute filter as CQL2 and gets the SQL count', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-so', '-where', "category = 'school'", `OAPIF:${platform.url}/ogc`, 'facilities']);
    const n = Number(/Feature Count: (\d+)/.exec(stdout)?.[1]);
    expect(n).toBe(await count(`SELECT count(*)::int AS n FROM facilities WHERE category = 'school'`));
  });
});
