/*
 * Property-based fuzzing (fast-check) of the public API's query and path parameters: 10,000 generated
 * requests per run. Whatever comes in: never a 500, never a database message, and never a dataset or
 * column beyond the caller's clearance (one public column is made internal first, so that leaking it
 * would show).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset, upsertDataset } from '@kbs/core';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { createApiKey } from '../src/access/apiKeys';

const RUNS = { items: 5000, feature: 1000, spatial: 2000, tiles: 2000 };
const DATABASE_TEXT = /syntax error|relation "|column "|does not exist|SQLSTATE|postgres|pg_|knex|ECONNREFUSED|invalid input syntax|parse error|stack|TypeError/i;
const HIDDEN_COLUMN = 'address';

const collections = fc.constantFrom('facilities', 'neighbourhoods', 'district', 'indicators', 'panoramas', 'citizen_requests', 'citizen_request_applicants', 'nope', 'FACILITIES', 'facilities;drop');
const numberText = fc.oneof(fc.double({ noNaN: false }).map(String), fc.integer().map(String), fc.constantFrom('', '-0', '1e309', 'NaN', 'Infinity', '0x10', ' 5', '5 ', '١٢'));
const junk = fc.string({ maxLength: 40 });
const bbox = fc.oneof(fc.array(numberText, { minLength: 0, maxLength: 7 }).map((a) => a.join(',')), junk, fc.constant('28.8,41.0,28.9,41.1'));
const identifier = fc.constantFrom('name', 'category', 'capacity', 'opening_year', 'uavt_code', HIDDEN_COLUMN, 'geom', '_version', 'id', 'nope', 'name"', "name'--", 'applicant_name');
const literal = fc.oneof(fc.integer().map(String), fc.string({ maxLength: 12 }).map((s) => `'${s.replace(/'/g, "''")}'`), fc.constantFrom("'park'", 'TRUE', 'NULL', "TIMESTAMP('2024-01-01T00:00:00Z')", "DATE('2024-13-45')", 'POINT(28.85 41.03)', "'%ş%'"));
const operator = fc.constantFrom('=', '<>', '<', '>=', 'LIKE', 'NOT LIKE', 'IN', 'BETWEEN', 'IS NULL', 'IS NOT NULL', 'S_INTERSECTS', 'S_DWITHIN', ';', 'OR 1=1');
const cql = fc.oneof(
  fc.tuple(identifier, operator, literal, literal).map(([p, op, a, b]) =>
    op === 'IN' ? `${p} IN (${a}, ${b})` : op === 'BETWEEN' ? `${p} BETWEEN ${a} AND ${b}` : op.startsWith('IS') ? `${p} ${op}` : op.startsWith('S_') ? `${op}(${p}, ${a}${op === 'S_DWITHIN' ? `, ${b}, meters` : ''})` : `${p} ${op} ${a}`),
  fc.tuple(identifier, literal, identifier, literal).map(([a, x, b, y]) => `(${a} = ${x}) AND NOT (${b} < ${y}) OR ${a} IS NULL`),
  fc.json({ maxDepth: 3 }),
  junk,
);
const itemsQuery = fc.record(
  {
    limit: numberText, offset: numberText, bbox, 'bbox-crs': fc.oneof(junk, fc.constant('http://www.opengis.net/def/crs/EPSG/0/4326')),
    crs: fc.oneof(junk, fc.constantFrom('http://www.opengis.net/def/crs/EPSG/0/4326', 'http://www.opengis.net/def/crs/EPSG/0/5254', 'http://www.opengis.net/def/crs/EPSG/0/3857')),
    datetime: fc.oneof(junk, fc.constantFrom('2024-01-01T00:00:00Z', '../2024-01-01', '2024-01-01/..', '2024-13-01', '../..')),
    properties: fc.array(identifier, { maxLength: 4 }).map((a) => a.join(',')), sortby: fc.array(fc.tuple(fc.constantFrom('', '+', '-'), identifier).map(([s, p]) => s + p), { maxLength: 3 }).map((a) => a.join(',')),
    filter: cql, 'filter-lang': fc.constantFrom('cql2-text', 'cql2-json', 'sql', ''), precision: numberText, f: fc.constantFrom('json', 'html', 'xml'),
    ids: junk, [HIDDEN_COLUMN]: junk,
  },
  { requiredKeys: [] },
);

describe.each(ENGINES.slice(-1))('fuzzing the public API on the %s engine', (engine) => {
  let platform: TestPlatform;
  let viewerKey: string;
  let cases = 0;
  beforeAll(async () => {
    platform = await startPlatform({ engine, env: { RATE_LIMIT_PER_MINUTE: '0' } });
    const facilities = (await getDataset(platform.db.knex, 'facilities'))!;
    await upsertDataset(platform.db.knex, { ...facilities, columns: facilities.columns.map((c) => (c.name === HIDDEN_COLUMN ? { ...c, privacy: 'internal' } : c)) }, { keepPublication: true });
    viewerKey = (await createApiKey(platform.db.knex, { name: 'fuzz viewer', role: 'viewer', expiresInDays: 1, createdBy: 'test' })).key;
  });
  afterAll(async () => {
    await platform?.close();
    expect(cases).toBeGreaterThanOrEqual(10_000);
  });

  /** The invariants of every answer; returns the parsed JSON when there is some. */
  async function checked(url: string, role: 'anonymous' | 'viewer'): Promise<unknown> {
    cases += 1;
    const response = await fetch(url, role === 'viewer' ? { headers: { Authorization: `Bearer ${viewerKey}` } } : {});
    const text = await response.text();
    const context = `${role} ${url} → ${response.status} ${text.slice(0, 300)}`;
    expect(response.status, context).toBeLessThan(500);
    expect([200, 204, 304, 400, 404, 406, 413]).toContain(response.status);
    if (response.status >= 400) {
      expect(response.headers.get('content-type'), context).toMatch(/^application\/problem\+json/);
      // What the caller sent is echoed in `instance` and in quotes; the rest must be our own words.
      const problem = JSON.parse(text) as { title: string; detail: string };
      expect(`${problem.title} ${problem.detail.replace(/"[^"]*"/g, '""')}`, context).not.toMatch(DATABASE_TEXT);
    }
    if (!response.headers.get('content-type')?.includes('json') || !text) return null;
    const body = JSON.parse(text) as { features?: { properties?: Record<string, unknown> }[]; properties?: Record<string, unknown> };
    const features = body.features ?? (body.properties ? [body] : []);
    for (const f of features) {
      expect(Object.keys(f.properties ?? {}), context).not.toContain('applicant_name');
      if (role === 'anonymous') expect(Object.keys(f.properties ?? {}), context).not.toContain(HIDDEN_COLUMN);
    }
    return body;
  }

  function anonymousMaySee(collection: string, status: number): void {
    if (status === 200) expect(['facilities', 'neighbourhoods', 'district', 'indicators', 'panoramas', 'indicator_values', 'capture_sequences']).toContain(collection);
  }

  it('answers any items query with a valid response or a problem, within clearance', async () => {
    await fc.assert(
      fc.asyncProperty(collections, itemsQuery, fc.constantFrom('anonymous', 'viewer') as fc.Arbitrary<'anonymous' | 'viewer'>, async (collection, query, role) => {
        const url = `${platform.url}/ogc/collections/${encodeURIComponent(collection)}/items?${new URLSearchParams(query as Record<string, string>)}`;
        const body = (await checked(url, role)) as { features?: unknown[] } | null;
        if (role === 'anonymous' && body?.features) anonymousMaySee(collection, 200);
        if (collection === 'citizen_request_applicants') expect(body?.features).toBeUndefined();
      }),
      { numRuns: RUNS.items },
    );
  }, 900_000);

  it('answers any feature id', async () => {
    await fc.assert(
      fc.asyncProperty(collections, fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constantFrom("1' OR '1'='1", '../..', '%00', '1;SELECT 1', 'İ')), async (collection, id) => {
        await checked(`${platform.url}/ogc/collections/${encodeURIComponent(collection)}/items/${encodeURIComponent(id)}`, 'anonymous');
      }),
      { numRuns: RUNS.feature },
    );
  }, 900_000);

  it('answers any spatial query parameters', async () => {
    const path = fc.constantFrom('/api/lookup', '/api/facilities/nearest', '/api/within', '/api/coverage', '/api/requests/statistics', '/api/requests/monthly', '/api/neighbourhoods/compare');
    const query = fc.record(
      { lon: numberText, lat: numberText, k: numberText, category: fc.oneof(junk, fc.constant('park')), distance: numberText, collection: collections, limit: numberText, from: junk, to: junk, group: junk, codes: junk, uavt_code: junk },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(path, query, async (p, q) => {
        // Request statistics are for staff (an anonymous caller gets 401 whatever the parameters): fuzzed as a viewer.
        await checked(`${platform.url}${p}?${new URLSearchParams(q as Record<string, string>)}`, p.startsWith('/api/requests/') ? 'viewer' : 'anonymous');
      }),
      { numRuns: RUNS.spatial },
    );
  }, 900_000);

  it('answers any tile address', async () => {
    const part = fc.oneof(fc.integer({ min: -2, max: 1 << 23 }).map(String), fc.string({ maxLength: 6 }));
    await fc.assert(
      fc.asyncProperty(collections, part, part, part, async (collection, z, x, y) => {
        await checked(`${platform.url}/tiles/${encodeURIComponent(collection)}/${encodeURIComponent(z)}/${encodeURIComponent(x)}/${encodeURIComponent(y)}.mvt`, 'anonymous');
      }),
      { numRuns: RUNS.tiles },
    );
  }, 900_000);
});
