/*
 * Digitising through the API: editors draw, change and delete features of editable datasets; each
 * request is a new version (others see it at once, the tile cache follows), checked against the catalog,
 * recorded with the editor; concurrent edits are serialised, and a bad edit changes nothing.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { createApiKey } from '../src/access/apiKeys';

const POINT = { type: 'Point', coordinates: [28.8506, 41.0291] };
const SQUARE = { type: 'Polygon', coordinates: [[[28.84, 41.03], [28.845, 41.03], [28.845, 41.035], [28.84, 41.035], [28.84, 41.03]]] };
const BOWTIE = { type: 'Polygon', coordinates: [[[28.84, 41.03], [28.845, 41.035], [28.845, 41.03], [28.84, 41.035], [28.84, 41.03]]] };

describe.each(ENGINES)('digitising on the %s engine', (engine) => {
  let platform: TestPlatform;
  const keys: Record<string, string> = {};
  const call = (key: string | null, method: string, path: string, body?: unknown) =>
    fetch(`${platform.url}${path}`, {
      method,
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const items = async (collection: string) =>
    (await (await call(keys.analyst!, 'GET', `/ogc/collections/${collection}/items?f=json&limit=100`)).json()) as { features: { id: string; geometry: { type: string }; properties: Record<string, unknown> }[] };
  const problem = async (response: Response) => ({ status: response.status, ...((await response.json()) as { parameter?: string; detail: string }) });

  beforeAll(async () => {
    platform = await startPlatform({ engine });
    const make = async (role: 'analyst' | 'viewer' | 'publisher' | 'department_editor', datasets: string[] = []) =>
      (await createApiKey(platform.db.knex, { name: `digitising ${role} ${datasets}`, role, datasets, expiresInDays: 1, createdBy: 'test' })).key;
    keys.analyst = await make('analyst');
    keys.viewer = await make('viewer');
    keys.publisher = await make('publisher');
    keys.otherEditor = await make('department_editor', ['planned_routes']);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('refuses the public, viewers, editors of other datasets and datasets that are not editable', async () => {
    const feature = { type: 'Feature', geometry: POINT, properties: { name: 'Yeni kütüphane' } };
    expect((await call(null, 'POST', '/api/collections/planned_facilities/features', feature)).status).toBe(401);
    expect((await call(keys.viewer!, 'POST', '/api/collections/planned_facilities/features', feature)).status).toBe(403);
    expect(await problem(await call(keys.otherEditor!, 'POST', '/api/collections/planned_facilities/features', feature))).toMatchObject({ status: 403, parameter: 'collection' });
    expect(await problem(await call(keys.publisher!, 'POST', '/api/collections/facilities/features', feature))).toMatchObject({ status: 403, parameter: 'collection' });
    expect((await items('planned_facilities')).features).toEqual([]);
  });

  it('draws, changes and deletes a point; each edit a version with the editor recorded', async () => {
    const created = await call(keys.analyst!, 'POST', '/api/collections/planned_facilities/features', {
      type: 'Feature',
      geometry: POINT,
      properties: { name: 'Yeni kütüphane', category: 'library', status: 'öneri' },
    });
    expect(created.status).toBe(201);
    const { id, version } = (await created.json()) as { id: string; version: number };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    let features = (await items('planned_facilities')).features;
    expect(features).toHaveLength(1);
    expect(features[0]!.properties).toMatchObject({ name: 'Yeni kütüphane', category: 'library', status: 'öneri' });
    expect(String(features[0]!.properties.edited_by)).toMatch(/^key:/);
    expect((await call(null, 'GET', '/ogc/collections/planned_facilities/items')).status).toBe(404);

    const changed = await call(keys.analyst!, 'PATCH', `/api/collections/planned_facilities/features/${id}`, { properties: { status: 'onaylandı' } });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { version: number }).version).toBe(version + 1);
    features = (await items('planned_facilities')).features;
    expect(features.map((f) => [f.properties.name, f.properties.status])).toEqual([['Yeni kütüphane', 'onaylandı']]);

    expect(await problem(await call(keys.analyst!, 'PATCH', `/api/collections/planned_facilities/features/${id}`, { properties: { colour: 'red' } }))).toMatchObject({ status: 400, parameter: 'properties.colour' });
    expect(await problem(await call(keys.analyst!, 'PATCH', `/api/collections/planned_facilities/features/${id}`, { properties: { name: 5 } }))).toMatchObject({ status: 400, parameter: 'properties.name' });
    expect(await problem(await call(keys.analyst!, 'PATCH', `/api/collections/planned_facilities/features/${id}`, { geometry: SQUARE }))).toMatchObject({ status: 400, parameter: 'geometry' });
    expect(await problem(await call(keys.analyst!, 'PATCH', '/api/collections/planned_facilities/features/yok', { properties: { name: 'x' } }))).toMatchObject({ status: 404, parameter: 'featureId' });

    expect((await call(keys.analyst!, 'DELETE', `/api/collections/planned_facilities/features/${id}`)).status).toBe(204);
    expect((await items('planned_facilities')).features).toEqual([]);
    expect((await call(keys.analyst!, 'DELETE', `/api/collections/planned_facilities/features/${id}`)).status).toBe(404);

    const audit = await platform.db.knex('audit.log').where({ action: 'feature-edit' }).orderBy('id').select('target', 'details');
    expect(audit.map((a: { details: { kind: string } }) => a.details.kind)).toEqual(['create', 'update', 'delete']);
    expect(audit[1].details.before.status).toBe('öneri');
    expect(audit[1].details.after.status).toBe('onaylandı');
    const versions = await platform.db.knex('catalog.versions').where({ dataset_id: 'planned_facilities' }).orderBy('version').select('version', 'status', 'row_count');
    expect(versions.map((v: { row_count: number }) => v.row_count)).toEqual([1, 1, 0]);
  });

  it('stores a drawn polygon as a MultiPolygon, refuses a crossing ring or a place outside the district, and changes nothing then', async () => {
    const square = await call(keys.analyst!, 'POST', '/api/collections/planned_areas/features', { type: 'Feature', geometry: SQUARE, properties: { name: 'Cep parkı' } });
    expect(square.status).toBe(201);
    const versionsBefore = await platform.db.knex('catalog.versions').where({ dataset_id: 'planned_areas' }).count<{ count: string }[]>('* as count');
    expect(await problem(await call(keys.analyst!, 'POST', '/api/collections/planned_areas/features', { type: 'Feature', geometry: BOWTIE, properties: {} }))).toMatchObject({ status: 400, parameter: 'geometry' });
    const far = { type: 'Polygon', coordinates: [[[29.1, 41.1], [29.11, 41.1], [29.11, 41.11], [29.1, 41.1]]] };
    const outside = await problem(await call(keys.analyst!, 'POST', '/api/collections/planned_areas/features', { type: 'Feature', geometry: far, properties: {} }));
    expect(outside).toMatchObject({ status: 400, parameter: 'geometry' });
    expect(outside.detail).toMatch(/outside the district/);
    expect(await platform.db.knex('catalog.versions').where({ dataset_id: 'planned_areas' }).count<{ count: string }[]>('* as count')).toEqual(versionsBefore);
    const features = (await items('planned_areas')).features;
    expect(features.map((f) => [f.properties.name, f.geometry.type])).toEqual([['Cep parkı', 'MultiPolygon']]);
  });

  it('serialises concurrent edits: five at once make five versions and keep all five features', async () => {
    const responses = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        call(keys.analyst!, 'POST', '/api/collections/planned_routes/features', {
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: [[28.84, 41.03 + n / 1000], [28.85, 41.03 + n / 1000]] },
          properties: { name: `Bisiklet yolu ${n}` },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const names = (await items('planned_routes')).features.map((f) => f.properties.name).sort();
    expect(names).toEqual(['Bisiklet yolu 1', 'Bisiklet yolu 2', 'Bisiklet yolu 3', 'Bisiklet yolu 4', 'Bisiklet yolu 5']);
    // The tiles follow the new version at once (their cache is keyed by it).
    const tile = await call(keys.analyst!, 'GET', '/tiles/planned_routes/14/9504/6140.mvt');
    expect(tile.status).toBe(200);
    const layer = new VectorTile(new Pbf(new Uint8Array(await tile.arrayBuffer()))).layers.planned_routes!;
    expect(layer.length).toBe(5);
  });
  it('tells the map which collections take edits and which columns the platform fills (forms leave them out)', async () => {
    const { collections } = (await (await call(keys.analyst!, 'GET', '/ogc/collections?f=json')).json()) as { collections: { id: string; editable?: boolean }[] };
    expect(collections.filter((c) => c.editable).map((c) => c.id).sort()).toEqual(['planned_areas', 'planned_facilities', 'planned_routes']);
    const queryables = (await (await call(keys.analyst!, 'GET', '/ogc/collections/planned_facilities/queryables')).json()) as { properties: Record<string, { readOnly?: boolean; type?: string; format?: string }> };
    const readOnly = Object.entries(queryables.properties).filter(([, p]) => p.readOnly).map(([name]) => name).sort();
    expect(readOnly).toEqual(['edited_at', 'edited_by', 'id']);
    expect(queryables.properties.name).toMatchObject({ type: 'string' });
    expect(queryables.properties.geometry).toMatchObject({ format: 'geometry-point' });
    const facilities = (await (await call(keys.analyst!, 'GET', '/ogc/collections/facilities/queryables')).json()) as { properties: Record<string, { readOnly?: boolean }> };
    expect(Object.values(facilities.properties).some((p) => p.readOnly)).toBe(false);
  });
});
