import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { createApiKey } from '../src/access/apiKeys';

async function call(url: string, init?: { method?: string; body?: unknown; raw?: string; key?: string }) {
  const response = await fetch(url, {
    method: init?.method ?? 'GET',
    headers: {
      ...(init?.body !== undefined || init?.raw ? { 'Content-Type': 'application/json' } : {}),
      ...(init?.key ? { Authorization: `Bearer ${init.key}` } : {}),
    },
    ...(init?.raw ? { body: init.raw } : init?.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as any };
}

describe.each(ENGINES)('spatial queries on the %s engine', (engine) => {
  let platform: TestPlatform;
  let api: string;
  let analyst: string;
  const sql = async (text: string, bindings: unknown[] = []) => (await platform.db.knex.raw(text, bindings as never)).rows;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    api = `${platform.url}/api`;
    analyst = (await createApiKey(platform.db.knex, { name: 'spatial analyst', role: 'analyst', expiresInDays: 1, createdBy: 'test' })).key;
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('finds the district and mahalle of a point, one or a thousand at a time', async () => {
    const one = await call(`${api}/lookup?lon=28.8506&lat=41.0291`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ district: { code: 'BAGCILAR' }, neighbourhood: { uavt_code: '40159', name: 'İnönü' } });
    const outside = await call(`${api}/lookup?lon=29.0&lat=41.1`);
    expect(outside.status).toBe(404);
    const points = Array.from({ length: 1000 }, (_, i) => [28.81 + (i % 40) * 0.0015, 41.02 + Math.floor(i / 40) * 0.002]);
    const batch = await call(`${api}/lookup`, { method: 'POST', body: { points } });
    expect(batch.status).toBe(200);
    expect(batch.body.results).toHaveLength(1000);
    const inside = await sql(`SELECT count(*)::int AS n FROM unnest(?::float8[], ?::float8[]) p(x, y)
      WHERE EXISTS (SELECT 1 FROM neighbourhoods WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint(x, y), 4326)))`, [points.map((p) => p[0]), points.map((p) => p[1])]);
    expect(batch.body.results.filter((r: any) => r.neighbourhood).length).toBe(inside[0].n);
    expect(batch.body.results[0]).toMatchObject({ lon: 28.81, lat: 41.02 });
  });

  it('gives the k nearest facilities of a category in metres, nearest first', async () => {
    const { status, body } = await call(`${api}/facilities/nearest?lon=28.845&lat=41.04&category=school&k=5`);
    expect(status).toBe(200);
    const expected = await sql(`SELECT id, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(28.845, 41.04), 4326)::geography) AS d
      FROM facilities WHERE category = 'school' ORDER BY d, id LIMIT 5`);
    expect(body.facilities.map((f: any) => f.id)).toEqual(expected.map((r: any) => r.id));
    body.facilities.forEach((f: any, i: number) => expect(f.distance_m).toBeCloseTo(expected[i].d, 0));
  });

  it('lists features within a distance of a point and inside a polygon', async () => {
    const near = await call(`${api}/within?collection=facilities&lon=28.845&lat=41.04&distance=600`);
    expect(near.status).toBe(200);
    expect(near.type).toMatch(/geo\+json/);
    const expected = await sql(`SELECT count(*)::int AS n FROM facilities WHERE ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(28.845, 41.04), 4326)::geography, 600)`);
    expect(near.body.numberMatched).toBe(expected[0].n);
    expect(near.body.features).toHaveLength(expected[0].n);
    const polygon = { type: 'Polygon', coordinates: [[[28.84, 41.035], [28.85, 41.035], [28.85, 41.045], [28.84, 41.045], [28.84, 41.035]]] };
    const inside = await call(`${api}/within`, { method: 'POST', body: { collection: 'facilities', geometry: polygon } });
    const box = await sql(`SELECT count(*)::int AS n FROM facilities WHERE ST_Intersects(geom, ST_MakeEnvelope(28.84, 41.035, 28.85, 41.045, 4326))`);
    expect(inside.body.numberMatched).toBe(box[0].n);
    const hidden = await call(`${api}/within?collection=citizen_requests&lon=28.845&lat=41.04&distance=100`);
    expect(hidden.status).toBe(404);
  });

  it('estimates residents of a drawn area by areal interpolation', async () => {
    const fc = (await call(`${api}/neighbourhoods`)).body;
    const inonu = fc.features.find((f: any) => f.id === '40159');
    const stats = await call(`${api}/area-statistics`, { method: 'POST', body: { geometry: inonu.geometry }, key: analyst });
    expect(stats.status).toBe(200);
    expect(Math.abs(stats.body.residents_estimated - 22920) / 22920).toBeLessThan(0.005);
    const facilities = await sql(`SELECT category, count(*)::int AS n FROM facilities f, neighbourhoods n WHERE n.uavt_code = '40159' AND ST_Intersects(f.geom, n.geom) GROUP BY category`);
    expect(stats.body.facilities).toEqual(Object.fromEntries(facilities.map((r: any) => [r.category, r.n])));
    expect(stats.body.requests.total).toBeGreaterThan(100);
    // The public gets the same area figures without requests: free polygons could be subtracted.
    const anonymous = await call(`${api}/area-statistics`, { method: 'POST', body: { geometry: inonu.geometry } });
    expect(anonymous.body.residents_estimated).toBe(stats.body.residents_estimated);
    expect(anonymous.body.requests).toBeNull();
    const district = (await sql(`SELECT ST_AsGeoJSON(geom) AS g FROM district`))[0].g;
    const all = await call(`${api}/area-statistics`, { method: 'POST', body: { geometry: JSON.parse(district) } });
    expect(Math.abs(all.body.residents_estimated - 719071)).toBeLessThan(50);
  });

  it('computes coverage of residents within reach of a facility category', async () => {
    const near = await call(`${api}/coverage?category=park&distance=300`);
    const far = await call(`${api}/coverage?category=park&distance=5000`);
    expect(near.status).toBe(200);
    expect(near.body.neighbourhoods).toHaveLength(22);
    expect(near.body.total.population).toBe(719071);
    expect(near.body.total.covered).toBe(near.body.neighbourhoods.reduce((s: number, n: any) => s + n.covered, 0));
    expect(near.body.total.share).toBeGreaterThan(0.1);
    expect(near.body.total.share).toBeLessThan(far.body.total.share);
    expect(far.body.total.share).toBeGreaterThan(0.99);
    expect(near.body.method).toMatch(/areal interpolation/);
  });

  it('summarises citizen requests with small counts suppressed', async () => {
    expect((await call(`${api}/requests/statistics?group=category&from=2023-01-01&to=2023-12-31`)).status).toBe(401);
    const stats = await call(`${api}/requests/statistics?group=category&from=2023-01-01&to=2023-12-31`, { key: analyst });
    expect(stats.status).toBe(200);
    const expected = await sql(`SELECT category, count(*)::int AS n FROM citizen_requests
      WHERE opened_at >= '2023-01-01T00:00:00+03:00' AND opened_at < '2024-01-01T00:00:00+03:00' GROUP BY category ORDER BY category`);
    expect(stats.body.cells.map((c: any) => [c.key, c.count])).toEqual(expected.map((r: any) => [r.category, r.n < 5 ? null : r.n]));
    const byMahalle = await call(`${api}/requests/statistics?group=neighbourhood&from=2024-12-31&to=2024-12-31`, { key: analyst });
    for (const cell of byMahalle.body.cells) {
      if (cell.count === null) expect(cell.median_resolution_hours).toBeNull();
      else expect(cell.count).toBeGreaterThanOrEqual(5);
    }
    const monthly = await call(`${api}/requests/monthly?from=2022-01-01&to=2024-12-31`, { key: analyst });
    expect(monthly.body.months).toHaveLength(36);
    expect(monthly.body.months.reduce((s: number, m: any) => s + m.count, 0)).toBe((await sql('SELECT count(*)::int AS n FROM citizen_requests'))[0].n);
  });

  it('profiles a mahalle beside the district and compares two', async () => {
    const { status, body } = await call(`${api}/neighbourhoods/40159/profile`);
    expect(status).toBe(200);
    const pop = body.indicators.find((i: any) => i.code === 'pop_total');
    expect(pop.values.find((v: any) => v.year === 2023)).toMatchObject({ year: 2023, value: 22920, district: 719071 });
    expect(pop.synthetic).toBe(false);
    expect(Object.values(body.facilities).reduce((a: number, b) => a + (b as number), 0)).toBeGreaterThan(3);
    expect(body.requests).toBeNull();
    const staff = await call(`${api}/neighbourhoods/40159/profile`, { key: analyst });
    expect(staff.body.requests.monthly.length).toBeGreaterThan(12);
    const compare = await call(`${api}/neighbourhoods/compare?codes=40159,40169`);
    expect(compare.body.neighbourhoods.map((n: any) => n.name)).toEqual(['İnönü', '15 Temmuz']);
  });

  it('gives each indicator value the median over the 22 mahalle', async () => {
    const codes: string[] = (await sql('SELECT uavt_code FROM neighbourhoods ORDER BY uavt_code')).map((r: any) => r.uavt_code);
    expect(codes).toHaveLength(22);
    const all = await call(`${api}/neighbourhoods/compare?codes=${codes.join(',')}`);
    const valuesOf = (code: string, year: number) => all.body.neighbourhoods.map((n: any) => n.indicators.find((i: any) => i.code === code).values.find((v: any) => v.year === year).value as number);
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return (s[10]! + s[11]!) / 2; // 22 values: the mean of the 11th and 12th
    };
    for (const [code, year] of [['pop_total', 2023], ['unemployment_rate', 2020], ['avg_household_size', 2024]] as const) {
      const expected = Math.round(median(valuesOf(code, year)) * 100) / 100;
      for (const n of all.body.neighbourhoods) {
        expect(n.indicators.find((i: any) => i.code === code).values.find((v: any) => v.year === year).district_median).toBeCloseTo(expected, 6);
      }
    }
  });

  it.each([
    ['/lookup?lon=abc&lat=41', 'lon'],
    ['/lookup?lon=28.8', 'lat'],
    ['/lookup?lon=28.8&lat=41&x=1', 'x'],
    ['/facilities/nearest?lon=28.8&lat=41&k=0', 'k'],
    ['/facilities/nearest?lon=28.8&lat=41&category=spaceport', 'category'],
    ['/within?collection=facilities&lon=28.8&lat=41&distance=99999', 'distance'],
    ['/within?collection=nothing&lon=28.8&lat=41&distance=10', 'collection'],
    ['/coverage?category=park&distance=-1', 'distance'],
    ['/requests/statistics?from=2024-13-01', 'from'],
    ['/requests/statistics?group=planet', 'group'],
    ['/neighbourhoods/compare?codes=40159', 'codes'],
    ['/neighbourhoods/abc/profile', 'code'],
    ['/neighbourhoods/99999/profile', 'code'],
  ])('answers GET %s with a problem naming %s', async (path, parameter) => {
    // Request statistics are for staff: ask as one, so that the parameters are what is judged.
    const { status, type, body } = await call(`${api}${path}`, path.startsWith('/requests/') ? { key: analyst } : {});
    expect([400, 404]).toContain(status);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.parameter).toBe(parameter);
  });

  it.each([
    ['/lookup', { points: Array.from({ length: 1001 }, () => [28.8, 41]) }, 'points'],
    ['/lookup', { points: [[28.8]] }, 'points'],
    ['/within', { collection: 'facilities', geometry: { type: 'Polygon', coordinates: [[[28.8, 41], [28.9, 41], [28.9, 41.1]]] } }, 'geometry'],
    ['/within', { collection: 'facilities', geometry: { type: 'Point', coordinates: [28.8, 41] } }, 'geometry'],
    ['/area-statistics', { geometry: { type: 'Polygon', coordinates: [[[20, 30], [40, 30], [40, 50], [20, 30]]] } }, 'geometry'],
    ['/area-statistics', [1, 2], 'body'],
  ])('answers POST %s with a problem naming the bad part', async (path, payload, parameter) => {
    const { status, body } = await call(`${api}${path}`, { method: 'POST', body: payload });
    expect(status).toBe(400);
    expect(body.parameter).toBe(parameter);
  });

  it('answers malformed JSON with 400', async () => {
    const { status, type, body } = await call(`${api}/area-statistics`, { method: 'POST', raw: '{"geometry":' });
    expect(status).toBe(400);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.parameter).toBe('body');
  });
});
