import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { createApiKey } from '../src/access/apiKeys';

interface Decoded {
  channels: string[];
  categories: string[];
  /** [lon, lat, day, channel, category] per record. */
  records: [number, number, number, string | null, string | null][];
}

/** The endpoint's format, decoded independently of the web app's decoder. */
function decode(bytes: ArrayBuffer): Decoded {
  const view = new DataView(bytes);
  const headerLength = view.getUint32(0);
  const { channels, categories } = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 4, headerLength))) as { channels: string[]; categories: string[] };
  const start = 4 + headerLength;
  expect((bytes.byteLength - start) % 12).toBe(0);
  const records: Decoded['records'] = [];
  for (let at = start; at < bytes.byteLength; at += 12) {
    records.push([view.getFloat32(at), view.getFloat32(at + 4), view.getUint16(at + 8), channels[view.getUint8(at + 10)] ?? null, categories[view.getUint8(at + 11)] ?? null]);
  }
  return { channels, categories, records };
}

const key = (r: Decoded['records'][number]) => r.join(',');

describe.each(ENGINES)('citizen-request points on the %s engine', (engine) => {
  let platform: TestPlatform;
  let api: string;
  let analyst: string;
  const sql = async (text: string, bindings: unknown[] = []) => (await platform.db.knex.raw(text, bindings as never)).rows;
  const get = (path: string, apiKey?: string) => fetch(`${api}${path}`, { headers: apiKey ? { Authorization: `Bearer ${apiKey}` } : {} });
  // The same rows straight from SQL, the coordinates rounded to float32 as the records carry them.
  const expectedRows = async (where: string, bindings: unknown[] = []) =>
    (await sql(`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, ((opened_at AT TIME ZONE 'Europe/Istanbul')::date - DATE '1970-01-01') AS day, channel, category
      FROM citizen_requests WHERE geom IS NOT NULL AND opened_at IS NOT NULL AND ${where}`, bindings))
      .map((r: any) => key([Math.fround(r.lon), Math.fround(r.lat), r.day, r.channel, r.category]));

  beforeAll(async () => {
    platform = await startPlatform({ engine });
    api = `${platform.url}/api`;
    analyst = (await createApiKey(platform.db.knex, { name: 'request points', role: 'analyst', expiresInDays: 1, createdBy: 'test' })).key;
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('streams every located request as 12-byte records equal to the rows in SQL', async () => {
    const response = await get('/requests/points', analyst);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    const decoded = decode(await response.arrayBuffer());
    expect(decoded.categories).toEqual((await sql('SELECT DISTINCT category FROM citizen_requests ORDER BY 1')).map((r: any) => r.category));
    expect(decoded.channels).toEqual((await sql('SELECT DISTINCT channel FROM citizen_requests ORDER BY 1')).map((r: any) => r.channel));
    const expected = await expectedRows('true');
    expect(expected.length).toBeGreaterThan(10_000);
    expect(decoded.records.map(key).sort()).toEqual(expected.sort());
  });

  it('filters by time window, channel and category like SQL does', async () => {
    const response = await get('/requests/points?from=2023-03-01&to=2023-05-31&category=cleaning,lighting&channel=call_centre', analyst);
    expect(response.status).toBe(200);
    const decoded = decode(await response.arrayBuffer());
    const expected = await expectedRows(`opened_at >= '2023-03-01T00:00:00+03:00' AND opened_at < '2023-06-01T00:00:00+03:00'
      AND category IN ('cleaning', 'lighting') AND channel = 'call_centre'`);
    expect(expected.length).toBeGreaterThan(50);
    expect(decoded.records.map(key).sort()).toEqual(expected.sort());
    // The codes stay those of all requests, so indices mean the same whatever the filter.
    expect(decoded.categories.length).toBeGreaterThan(2);
  });

  it('is for staff only: the public gets a 401 problem, no record', async () => {
    const response = await get('/requests/points');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { status: number }).status).toBe(401);
  });

  it.each([
    ['?from=2024-13-01', 'from'],
    ['?from=2024-05-01&to=2024-04-01', 'to'],
    ['?category=planet', 'category'],
    ['?category=Cleaning', 'category'],
    ['?channel=pigeon', 'channel'],
    ['?colour=red', 'colour'],
  ])('answers %s with a 400 problem naming %s', async (query, parameter) => {
    const response = await get(`/requests/points${query}`, analyst);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { parameter: string }).parameter).toBe(parameter);
  });
});
