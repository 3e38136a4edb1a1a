import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

describe.each(ENGINES)('foundation API on the %s engine', (engine) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('answers /health with the engine and the PostGIS version', async () => {
    const response = await fetch(`${platform.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.engine).toBe(engine);
    expect(body.postgis).toMatch(/^3\.\d+/);
  });

  it('serves the 22 mahalle with the 2023 populations summing to 719071', async () => {
    const response = await fetch(`${platform.url}/api/neighbourhoods`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const fc = (await response.json()) as any;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(22);
    const total = fc.features.reduce((sum: number, f: { properties: { population: number } }) => sum + f.properties.population, 0);
    expect(total).toBe(719071);
    const inonu = fc.features.find((f: { id: string }) => f.id === '40159');
    expect(inonu.properties).toMatchObject({ uavt_code: '40159', name: 'İnönü', population: 22920 });
    expect(inonu.geometry.type).toBe('MultiPolygon');
    const temmuz = fc.features.find((f: { id: string }) => f.id === '40169');
    expect(temmuz.properties.former_names).toEqual(['Evren']);
  });

  it('stores valid, non-overlapping mahalle polygons that tile the district', async () => {
    const { rows } = await platform.db.knex.raw(`
SELECT
  (SELECT count(*)::int FROM neighbourhoods WHERE NOT ST_IsValid(geom)) AS invalid,
  (SELECT count(*)::int FROM neighbourhoods a JOIN neighbourhoods b ON a.uavt_code < b.uavt_code
     AND ST_Overlaps(a.geom, b.geom) AND ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1) AS overlapping,
  -- Planar: on the sphere, a long outline edge split at a vertex bends away from the unsplit edge.
  (SELECT ST_Area(ST_SymDifference((SELECT ST_Union(geom) FROM neighbourhoods), d.geom)) / ST_Area(d.geom)
     FROM district d) AS area_gap`);
    expect(rows[0].invalid).toBe(0);
    expect(rows[0].overlapping).toBe(0);
    expect(rows[0].area_gap).toBeLessThan(1e-5);
  });

  it('answers unknown API paths with problem+json', async () => {
    const response = await fetch(`${platform.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as any;
    expect(problem).toMatchObject({ status: 404, type: 'https://kbs.bagcilar.bel.tr/problems/not-found' });
  });

  it('serves the web app at / and client routes with index.html, and everything under /portal with the portal page', async () => {
    for (const [path, marker] of [['/', '<div id="map"'], ['/kentsel/katman', '<div id="map"'], ['/portal', 'class="portal-page"'], ['/portal/datasets/facilities', 'class="portal-page"']]) {
      const response = await fetch(`${platform.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain(marker);
    }
  });
});
