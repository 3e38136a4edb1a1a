import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';

const CORE = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/';

async function get(url: string, accept = 'application/json') {
  const response = await fetch(url, { headers: { Accept: accept } });
  const type = response.headers.get('content-type') ?? '';
  const body = /json/.test(type) ? ((await response.json()) as any) : await response.text();
  return { status: response.status, type, headers: response.headers, body };
}

describe.each(ENGINES)('OGC API – Features Part 1 on the %s engine', (engine) => {
  let platform: TestPlatform;
  let ogc: string;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    ogc = `${platform.url}/ogc`;
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('landing page links service-desc, conformance and data, absolute and typed', async () => {
    const { status, type, body } = await get(ogc);
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    const rel = (r: string) => body.links.find((l: { rel: string }) => l.rel === r);
    expect(rel('service-desc')).toMatchObject({ href: `${ogc}/api`, type: 'application/vnd.oai.openapi+json;version=3.0' });
    expect(rel('conformance')).toMatchObject({ href: `${ogc}/conformance`, type: 'application/json' });
    expect(rel('data')).toMatchObject({ href: `${ogc}/collections`, type: 'application/json' });
    expect(rel('self').href).toBe(ogc);
  });

  it('uses the proxy base path from PUBLIC_URL in every link', async () => {
    const proxied = await startPlatform({ engine, env: { PUBLIC_URL: 'https://kbs.example.org/geo' } });
    try {
      const { body } = await get(`${proxied.url}/ogc`);
      for (const link of body.links) expect(link.href.startsWith('https://kbs.example.org/geo/ogc')).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('declares the conformance classes with exact URIs', async () => {
    const { body } = await get(`${ogc}/conformance`);
    for (const c of ['core', 'oas30', 'geojson', 'html']) expect(body.conformsTo).toContain(`${CORE}${c}`);
    expect(body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs');
  });

  it('describes limit with its default and maximum in the OpenAPI document', async () => {
    const { status, type, body } = await get(`${ogc}/api`);
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/vnd\.oai\.openapi\+json;version=3\.0/);
    expect(body.openapi).toMatch(/^3\.0\./);
    expect(body.components.parameters.limit.schema).toMatchObject({ minimum: 1, maximum: 10000, default: 10 });
  });

  it('lists the published public collections only, with extents', async () => {
    const { body } = await get(`${ogc}/collections`);
    const ids = body.collections.map((c: { id: string }) => c.id).sort();
    expect(ids).toEqual(['addresses', 'capture_sequences', 'citizen_request_counts', 'district', 'facilities', 'indicator_values', 'indicators', 'neighbourhoods', 'panoramas', 'portal_usage', 'streets']);
    const n = body.collections.find((c: { id: string }) => c.id === 'neighbourhoods');
    const [minx, miny, maxx, maxy] = n.extent.spatial.bbox[0];
    expect(minx).toBeCloseTo(28.808, 2);
    expect(maxx).toBeCloseTo(28.8727, 2);
    expect(miny).toBeCloseTo(41.0175, 2);
    expect(maxy).toBeCloseTo(41.0719, 2);
    expect(n.links.find((l: { rel: string }) => l.rel === 'items')).toMatchObject({ type: 'application/geo+json' });
  });

  it('hides unpublished and personal datasets', async () => {
    for (const id of ['citizen_requests', 'citizen_request_applicants']) {
      const { status, type, body } = await get(`${ogc}/collections/${id}/items`);
      expect(status).toBe(404);
      expect(type).toMatch(/^application\/problem\+json/);
      expect(body.parameter).toBe('collectionId');
    }
  });

  it('pages with rel=next until numberMatched features are seen, without gaps or duplicates', async () => {
    const { rows } = await platform.db.knex.raw('SELECT count(*)::int AS n FROM facilities');
    const total = rows[0].n;
    let url: string | undefined = `${ogc}/collections/facilities/items?limit=37`;
    const seen = new Set<string>();
    let pages = 0;
    while (url) {
      const { status, type, body } = await get(url, 'application/geo+json');
      expect(status).toBe(200);
      expect(type).toMatch(/^application\/geo\+json/);
      expect(body.numberMatched).toBe(total);
      expect(body.numberReturned).toBe(body.features.length);
      for (const f of body.features) {
        expect(seen.has(f.id)).toBe(false);
        seen.add(f.id);
      }
      const next = body.links.find((l: { rel: string }) => l.rel === 'next');
      if (next) expect(next.type).toBe('application/geo+json');
      url = next?.href;
      pages += 1;
    }
    expect(seen.size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 37));
  });

  it('returns a single feature whose id equals its featureId', async () => {
    const { status, type, body } = await get(`${ogc}/collections/neighbourhoods/items/40159`);
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/geo\+json/);
    expect(body.id).toBe('40159');
    expect(body.properties.name).toBe('İnönü');
    expect((await get(`${ogc}/collections/neighbourhoods/items/99999`)).status).toBe(404);
  });

  it('filters by bbox (CRS84 and EPSG:4326 axis order agree) and by property', async () => {
    const bbox = '28.845,41.025,28.856,41.033';
    const crs84 = await get(`${ogc}/collections/facilities/items?limit=1000&bbox=${bbox}`);
    const latlon = await get(`${ogc}/collections/facilities/items?limit=1000&bbox=41.025,28.845,41.033,28.856&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326`);
    const { rows } = await platform.db.knex.raw('SELECT count(*)::int AS n FROM facilities WHERE ST_Intersects(geom, ST_MakeEnvelope(28.845,41.025,28.856,41.033,4326))');
    expect(crs84.body.numberMatched).toBe(rows[0].n);
    expect(latlon.body.numberMatched).toBe(rows[0].n);
    const parks = await get(`${ogc}/collections/facilities/items?category=park&limit=1000`);
    expect(parks.body.features.every((f: any) => f.properties.category === 'park')).toBe(true);
  });

  it('answers in EPSG:4326 with latitude first and says so in Content-Crs', async () => {
    const r = await get(`${ogc}/collections/facilities/items?limit=1&crs=http://www.opengis.net/def/crs/EPSG/0/4326`);
    expect(r.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/4326>');
    const [lat, lon] = r.body.features[0].geometry.coordinates;
    expect(lat).toBeGreaterThan(41);
    expect(lon).toBeLessThan(29);
    const m = await get(`${ogc}/collections/facilities/items?limit=1&crs=http://www.opengis.net/def/crs/EPSG/0/5254`);
    expect(m.body.features[0].geometry.coordinates[0]).toBeGreaterThan(390000);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=-3', 'limit'],
    ['limit=ten', 'limit'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=a,b,c,d', 'bbox'],
    ['datetime=yesterday', 'datetime'],
    ['crs=EPSG:9999', 'crs'],
    ['sortby=geom', 'sortby'],
    ['properties=secret', 'properties'],
    ['colour=red', 'colour'],
    ['f=xml', 'f'],
  ])('rejects %s with a problem naming %s', async (query, parameter) => {
    const { status, type, body } = await get(`${ogc}/collections/facilities/items?${query}`);
    expect(status).toBe(400);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.parameter).toBe(parameter);
  });

  it('rounds coordinates to the requested precision', async () => {
    const { body } = await get(`${ogc}/collections/neighbourhoods/items/40159?f=json`);
    const coarse = await get(`${ogc}/collections/neighbourhoods/items?limit=1&precision=3`);
    const decimals = (n: number) => (String(n).split('.')[1] ?? '').length;
    const all = (g: any): number[] => (Array.isArray(g) ? g.flatMap(all) : [g]);
    expect(Math.max(...all(coarse.body.features[0].geometry.coordinates).map(decimals))).toBeLessThanOrEqual(3);
    expect(Math.max(...all(body.geometry.coordinates).map(decimals))).toBeGreaterThan(3);
    expect((await get(`${ogc}/collections/neighbourhoods/items?precision=99`)).status).toBe(400);
  });

  it('clamps a limit above the maximum instead of rejecting it', async () => {
    const { status, body } = await get(`${ogc}/collections/facilities/items?limit=50000`);
    expect(status).toBe(200);
    expect(body.numberReturned).toBe(Math.min(body.numberMatched, 10000));
  });

  it('serves HTML pages', async () => {
    for (const path of ['', '/collections', '/collections/facilities', '/collections/facilities/items', '/collections/neighbourhoods/items/40159']) {
      const { status, type, body } = await get(`${ogc}${path}`, 'text/html');
      expect(status).toBe(200);
      expect(type).toMatch(/^text\/html/);
      expect(body).toContain('<!doctype html>');
    }
  });
});
