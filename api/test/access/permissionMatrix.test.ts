/*
 * Every documented route, called by every role, is allowed or refused exactly as the permission matrix
 * says; and what each role reads stops at its clearance (no personal column, no unpublished dataset).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleUrl, type DocumentedParameter, type OpenApiDocument } from '../../../test/support/apiExamples';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';
import { createApiKey } from '../../src/access/apiKeys';
import { CLEARANCE, PERMISSIONS, ROLES, type Action, type Role } from '../../src/access/permissions';
import { createUser } from '../../src/access/users';

const POLYGON = { type: 'Polygon', coordinates: [[[28.84, 41.02], [28.86, 41.02], [28.86, 41.04], [28.84, 41.04], [28.84, 41.02]]] };
const PASSWORD = 'matrix-password-1';

/** A request body that passes validation, by operation. */
const BODIES: Record<string, unknown> = {
  lookupPoints: { points: [[28.8506, 41.0291]] },
  featuresInPolygon: { collection: 'facilities', geometry: POLYGON },
  areaStatistics: { geometry: POLYGON },
  signIn: { username: 'matrix', password: PASSWORD },
  createUser: { username: 'created-by-matrix', display_name: 'Matris', role: 'viewer', password: 'a-long-password-1' },
  updateUser: { display_name: 'Matris Testi' },
  createApiKey: { name: 'from the matrix test', role: 'viewer' },
  draftMetadata: { keywords: ['okul', 'park', 'kütüphane'] },
  setPublication: { published: true },
  createFeature: { type: 'Feature', geometry: { type: 'Point', coordinates: [28.8506, 41.0291] }, properties: { name: 'Matris' } },
  updateFeature: { properties: { name: 'Matris' } },
};

function multipartUpload(): FormData {
  const form = new FormData();
  form.set('dataset', 'facilities');
  form.set('file', new Blob(['not,a,facility\n1,2,3\n'], { type: 'text/csv' }), 'matrix.csv');
  return form;
}

describe.each(ENGINES)('the permission matrix on the %s engine', (engine) => {
  let platform: TestPlatform;
  let doc: OpenApiDocument;
  const keys = new Map<Role, string>();
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    for (const role of ROLES) {
      if (role === 'anonymous') continue;
      const datasets = role === 'department_editor' ? ['facilities', 'planned_facilities'] : [];
      keys.set(role, (await createApiKey(platform.db.knex, { name: `matrix ${role}`, role, datasets, expiresInDays: 1, createdBy: 'test' })).key);
    }
    await createUser(platform.db.knex, { username: 'matrix', display_name: 'Matrix', role: 'viewer', password: PASSWORD });
    doc = (await (await fetch(`${platform.url}/openapi.json`, { headers: { Authorization: `Bearer ${keys.get('admin')}` } })).json()) as OpenApiDocument;
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('allows and refuses every route for every role as the matrix says', async () => {
    const mismatches: string[] = [];
    let calls = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const action = (op['x-permission'] ?? 'read') as Action;
        const parameters = (op.parameters ?? []).filter((p): p is DocumentedParameter => !('$ref' in p));
        // Digitising needs an editable dataset; everything else is tried on facilities.
        const filled = path.replace('/api/collections/{collection}/features', '/api/collections/planned_facilities/features');
        const target = exampleUrl(platform.url, filled.replace('{collectionId}', 'facilities').replace('{featureId}', '1'), parameters);
        for (const role of ROLES) {
          const headers: Record<string, string> = keys.has(role) ? { Authorization: `Bearer ${keys.get(role)}` } : {};
          let body: FormData | string | undefined;
          if (op.operationId === 'upload') body = multipartUpload();
          else if (BODIES[op.operationId] !== undefined) {
            body = JSON.stringify(BODIES[op.operationId]);
            headers['Content-Type'] = 'application/json';
          }
          const response = await fetch(target, { method: method.toUpperCase(), headers, ...(body ? { body } : {}) });
          await response.arrayBuffer();
          calls += 1;
          const refused = response.status === 401 || response.status === 403;
          const expected = PERMISSIONS[action].includes(role);
          if (refused === expected || response.status >= 500) mismatches.push(`${role} ${method.toUpperCase()} ${path} (${action}) → ${response.status}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(ROLES.length * 30);
    // Every route × every role, one after the other: the time grows with each route (over a minute on
    // the embedded engine of a busy 2-core machine once the DCAT routes came).
  }, 240_000);

  it('shows each role the collections and columns of its clearance, no more', async () => {
    for (const role of ROLES) {
      const headers: Record<string, string> = keys.has(role) ? { Authorization: `Bearer ${keys.get(role)}` } : {};
      const collections = (await (await fetch(`${platform.url}/ogc/collections`, { headers })).json()) as { collections: { id: string }[] };
      const ids = collections.collections.map((c) => c.id);
      const personal = CLEARANCE[role] === 'personal';
      expect(ids.includes('citizen_request_applicants'), role).toBe(personal);
      expect(ids.includes('facilities'), role).toBe(true);
      const requests = await fetch(`${platform.url}/ogc/collections/citizen_requests/items?limit=5`, { headers });
      if (CLEARANCE[role] === 'public') {
        expect(requests.status, role).toBe(404);
      } else {
        const features = ((await requests.json()) as { features: { properties: Record<string, unknown> }[] }).features;
        expect(features.length, role).toBe(5);
      }
      const applicants = await fetch(`${platform.url}/ogc/collections/citizen_request_applicants/items?limit=1`, { headers });
      expect(applicants.status, role).toBe(personal ? 200 : 404);
    }
  });

  it('refuses an unknown, malformed or revoked key instead of treating it as anonymous', async () => {
    for (const headers of [{ Authorization: 'Bearer kbs_0000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, { Authorization: 'Basic abc' }, { 'X-API-Key': 'nonsense' }] as Record<string, string>[]) {
      const response = await fetch(`${platform.url}/api/neighbourhoods`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const { key, apiKey } = await createApiKey(platform.db.knex, { name: 'short-lived', role: 'analyst', expiresInDays: 1, createdBy: 'test' });
    expect((await fetch(`${platform.url}/api/auth/me`, { headers: { 'X-API-Key': key } })).status).toBe(200);
    await fetch(`${platform.url}/api/admin/keys/${apiKey.prefix}`, { method: 'DELETE', headers: { Authorization: `Bearer ${keys.get('admin')}` } });
    expect((await fetch(`${platform.url}/api/auth/me`, { headers: { 'X-API-Key': key } })).status).toBe(401);
    await platform.db.knex('auth.api_keys').where({ prefix: apiKey.prefix }).update({ revoked_at: null, expires_at: new Date(Date.now() - 1000) });
    expect((await fetch(`${platform.url}/api/auth/me`, { headers: { 'X-API-Key': key } })).status).toBe(401);
  });
});
