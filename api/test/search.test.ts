/*
 * The search box and the address cascade against the whole platform on both engines: Turkish folding
 * both ways, the limit clamped, bad parameters as problems naming them, the cascade's rows against SQL
 * counts of the loaded demo, and an unpublished address register kept from the public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldTurkish } from '@kbs/core';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { createApiKey } from '../src/access/apiKeys';
import { MAX_SEARCH_RESULTS } from '../src/search/searchOperations';
import type { SearchResult } from '../src/search/searchQuery';
import { compareDoors } from '../src/search/addressQuery';
import { searchTerms } from '../src/search/searchTerms';

type Result = SearchResult;

describe('search terms', () => {
  it('folds Turkish letters, drops "Mah."/"No:", reads abbreviations, and finds a trailing door number', () => {
    expect(searchTerms('İNÖNÜ')).toEqual({ words: ['inonu'], phrase: 'inonu', address: null });
    expect(searchTerms('Işık Sk. No: 7/2')).toEqual({ words: ['isik', 'sok', '7', '2'], phrase: 'isik sok 7 2', address: { words: ['isik', 'sok'], door: '7/2' } });
    expect(searchTerms('Bağcılar Mah. İnönü Cd. 12A')?.address).toEqual({ words: ['bagcilar', 'inonu', 'cad'], door: '12a' });
    expect(searchTerms('1004. Sokak')?.address).toBeNull();
    expect(searchTerms('12')?.address).toBeNull();
    expect(searchTerms(' .,;!? ')).toBeNull();
  });

  it('orders door numbers by number, then as written', () => {
    expect(['14', '12/1', '2', '12A', '12', '1'].sort(compareDoors)).toEqual(['1', '2', '12', '12/1', '12A', '14']);
  });
});

describe.each(ENGINES)('search and the address cascade on the %s engine', (engine) => {
  let platform: TestPlatform;
  let api: string;
  const sql = async <T>(text: string, bindings: unknown[] = []) => (await platform.db.knex.raw(text, bindings as never)).rows as T[];
  const get = async (path: string, key?: string) => {
    const response = await fetch(`${api}${path}`, key ? { headers: { Authorization: `Bearer ${key}` } } : {});
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as any };
  };
  const results = async (q: string, limit?: number): Promise<Result[]> => {
    const { status, body } = await get(`/search?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}`);
    expect(status, q).toBe(200);
    return body.results as Result[];
  };

  beforeAll(async () => {
    platform = await startPlatform({ engine });
    api = `${platform.url}/api`;
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('finds İnönü — the mahalle first, then its avenue — from "inonu", "İNÖNÜ" and "Inonu"', async () => {
    const found = await results('inonu', 50);
    expect(found[0]).toMatchObject({ kind: 'neighbourhood', id: '40159', name: 'İnönü', mahalle: 'İnönü' });
    const avenue = found.find((r) => r.kind === 'street' && r.name === 'İnönü Caddesi');
    expect(avenue).toMatchObject({ uavt_code: '40159', mahalle: 'İnönü' });
    // Every result has "İnönü" as a word of its name, and none is missed (counted here by a regular expression).
    for (const r of found) expect(foldTurkish(r.name)).toMatch(/(^|[^a-z])inonu/);
    const [counts] = await sql<{ n: number }>(`SELECT
      (SELECT count(*) FROM neighbourhoods WHERE portal.fold_turkish(name) ~ '(^|[^a-z])inonu')
      + (SELECT count(*) FROM streets WHERE portal.fold_turkish(name) ~ '(^|[^a-z])inonu')
      + (SELECT count(*) FROM facilities WHERE portal.fold_turkish(name) ~ '(^|[^a-z])inonu') AS n`);
    expect(found).toHaveLength(Math.min(50, Number(counts!.n)));
    expect((await results('İNÖNÜ', 50)).map((r) => r.id)).toEqual(found.map((r) => r.id));
    expect((await results('Inonu', 50)).map((r) => r.id)).toEqual(found.map((r) => r.id));
    // The street's bbox holds its line and its point.
    const [line] = await sql<{ xmin: number; ymin: number; xmax: number; ymax: number }>(
      'SELECT ST_XMin(geom) AS xmin, ST_YMin(geom) AS ymin, ST_XMax(geom) AS xmax, ST_YMax(geom) AS ymax FROM streets WHERE id = ?', [avenue!.id]);
    expect(avenue!.bbox[0]).toBeCloseTo(line!.xmin, 5);
    expect(avenue!.bbox[3]).toBeCloseTo(line!.ymax, 5);
    expect(avenue!.point[0]).toBeGreaterThanOrEqual(avenue!.bbox[0]);
    expect(avenue!.point[0]).toBeLessThanOrEqual(avenue!.bbox[2]);
  });

  it('folds ı, İ, ğ and ş both ways: "BAGCILAR", "bağcılar" and "BAĞCILAR" find the same; "ISIK" finds Işık', async () => {
    const upper = await results('BAGCILAR', 50);
    expect(upper.length).toBeGreaterThan(0);
    expect(upper.every((r) => /bağcılar/iu.test(r.name.toLocaleLowerCase('tr-TR')))).toBe(true);
    expect((await results('bağcılar', 50)).map((r) => r.id)).toEqual(upper.map((r) => r.id));
    expect((await results('BAĞCILAR', 50)).map((r) => r.id)).toEqual(upper.map((r) => r.id));
    const isik = await results('ISIK', 50);
    const [expected] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM streets WHERE name LIKE 'Işık %' OR name LIKE 'Işıklar %'`);
    expect(isik.filter((r) => r.kind === 'street')).toHaveLength(Math.min(50, expected!.n));
    expect(expected!.n).toBeGreaterThan(0);
    // 15 Temmuz was Evren: its former name finds it.
    expect((await results('evren'))[0]).toMatchObject({ kind: 'neighbourhood', name: '15 Temmuz' });
  });

  it('finds a building from street words and a door number, with the door number exactly', async () => {
    const [door] = await sql<{ id: string; street: string; door_number: string; lon: number; lat: number }>(`
      SELECT a.id, s.name AS street, a.door_number, ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat
      FROM addresses a JOIN streets s ON s.id = a.street_id WHERE s.name = 'İnönü Caddesi' AND a.door_number ~ '^[0-9]+$' ORDER BY a.id LIMIT 1`);
    const found = await results(`inonu cd no ${door!.door_number}`);
    const hit = found.find((r) => r.id === door!.id);
    expect(hit).toMatchObject({ kind: 'address', name: `İnönü Caddesi No: ${door!.door_number}`, detail: door!.door_number, uavt_code: '40159' });
    expect(hit!.point[0]).toBeCloseTo(door!.lon, 6);
    expect(hit!.point[1]).toBeCloseTo(door!.lat, 6);
    const addresses = found.filter((r) => r.kind === 'address');
    expect(addresses.every((r) => r.detail!.startsWith(door!.door_number) && !/^\d/.test(r.detail!.slice(door!.door_number.length)))).toBe(true);
    // No door number: no addresses.
    expect((await results('inonu caddesi', 50)).some((r) => r.kind === 'address')).toBe(false);
  });

  it('clamps the limit and refuses bad parameters with problems naming them', async () => {
    const many = await get(`/search?q=a&limit=${MAX_SEARCH_RESULTS * 10}`);
    expect(many.status).toBe(200);
    expect(many.body.limit).toBe(MAX_SEARCH_RESULTS);
    expect(many.body.results).toHaveLength(MAX_SEARCH_RESULTS);
    expect(await results('a', 3)).toHaveLength(3);
    expect(await results('a')).toHaveLength(10);
    for (const [path, parameter] of [
      ['/search', 'q'],
      ['/search?q=', 'q'],
      ['/search?q=%20!%3F', 'q'],
      [`/search?q=${'x'.repeat(201)}`, 'q'],
      ['/search?q=inonu&limit=0', 'limit'],
      ['/search?q=inonu&limit=ten', 'limit'],
      ['/search?q=inonu&lmit=5', 'lmit'],
      ['/addresses/streets', 'mahalle'],
      ['/addresses/streets?mahalle=inonu', 'mahalle'],
      ['/addresses/doors?street=%27%3B%20drop', 'street'],
    ] as const) {
      const { status, type, body } = await get(path);
      expect(status, path).toBe(400);
      expect(type, path).toMatch(/application\/problem\+json/);
      expect(body.parameter, path).toBe(parameter);
    }
    const unknownMahalle = await get('/addresses/streets?mahalle=99999');
    expect(unknownMahalle.status).toBe(404);
    expect(unknownMahalle.body.parameter).toBe('mahalle');
    expect((await get('/addresses/doors?street=Y99999')).body.parameter).toBe('street');
  });

  it('walks mahalle → street → door: the rows the database holds, in order', async () => {
    const mahalle = await get('/addresses/neighbourhoods');
    expect(mahalle.status).toBe(200);
    const [withStreets] = await sql<{ n: number }>('SELECT count(DISTINCT uavt_code)::int AS n FROM streets');
    expect(mahalle.body.neighbourhoods).toHaveLength(withStreets!.n);
    expect(mahalle.body.neighbourhoods.map((m: any) => m.name)).toEqual(
      [...mahalle.body.neighbourhoods.map((m: any) => m.name)].sort(new Intl.Collator('tr', { numeric: true }).compare));
    const inonu = mahalle.body.neighbourhoods.find((m: any) => m.uavt_code === '40159');
    const [streetCount] = await sql<{ n: number }>("SELECT count(*)::int AS n FROM streets WHERE uavt_code = '40159'");
    expect(inonu.streets).toBe(streetCount!.n);

    const streets = await get('/addresses/streets?mahalle=40159');
    expect(streets.status).toBe(200);
    expect(streets.body.mahalle).toEqual({ uavt_code: '40159', name: 'İnönü' });
    expect(streets.body.streets).toHaveLength(streetCount!.n);
    const doorCounts = await sql<{ id: string; n: number }>(
      "SELECT s.id, count(a.id)::int AS n FROM streets s LEFT JOIN addresses a ON a.street_id = s.id WHERE s.uavt_code = '40159' GROUP BY s.id");
    expect(Object.fromEntries(streets.body.streets.map((s: any) => [s.id, s.doors]))).toEqual(Object.fromEntries(doorCounts.map((r) => [r.id, r.n])));

    const avenue = streets.body.streets.find((s: any) => s.name === 'İnönü Caddesi');
    const doors = await get(`/addresses/doors?street=${avenue.id}`);
    expect(doors.status).toBe(200);
    expect(doors.body.street).toEqual({ id: avenue.id, name: 'İnönü Caddesi', uavt_code: '40159' });
    const expected = await sql<{ id: string; door_number: string; lon: number; lat: number }>(
      'SELECT id, door_number, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM addresses WHERE street_id = ?', [avenue.id]);
    expect(doors.body.doors).toHaveLength(expected.length);
    expect(doors.body.doors.length).toBe(avenue.doors);
    expect(doors.body.doors.map((d: any) => d.door_number)).toEqual(expected.map((r) => r.door_number).sort(compareDoors));
    const byId = new Map(expected.map((r) => [r.id, r]));
    for (const d of doors.body.doors) {
      expect(d.point[0]).toBeCloseTo(byId.get(d.id)!.lon, 6);
      expect(d.point[1]).toBeCloseTo(byId.get(d.id)!.lat, 6);
    }
  });

  it('keeps an unpublished address register from the public (410 with the reason, no street results) but not from staff', async () => {
    const publisher = (await createApiKey(platform.db.knex, { name: 'search publisher', role: 'publisher', expiresInDays: 1, createdBy: 'test' })).key;
    const reason = 'Numarataj güncelleniyor / renumbering in progress';
    const unpublish = await fetch(`${api}/datasets/streets/publication`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${publisher}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ published: false, reason }),
    });
    expect(unpublish.status).toBe(200);
    try {
      const publicResults = await results('inonu', 50);
      expect(publicResults.some((r) => r.kind === 'street')).toBe(false);
      expect(publicResults.some((r) => r.kind === 'neighbourhood')).toBe(true);
      expect((await results('inonu cad 1', 50)).some((r) => r.kind === 'address')).toBe(false);
      for (const path of ['/addresses/neighbourhoods', '/addresses/streets?mahalle=40159', '/addresses/doors?street=Y00001']) {
        const gone = await get(path);
        expect(gone.status, path).toBe(410);
        expect(JSON.stringify(gone.body), path).toContain(reason);
      }
      const staff = await get('/search?q=inonu&limit=50', publisher);
      expect(staff.body.results.some((r: Result) => r.kind === 'street')).toBe(true);
      expect((await get('/addresses/streets?mahalle=40159', publisher)).status).toBe(200);
    } finally {
      const republish = await fetch(`${api}/datasets/streets/publication`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${publisher}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ published: true }),
      });
      expect(republish.status).toBe(200);
    }
  });
});
