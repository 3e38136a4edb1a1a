/*
 * Saved maps over HTTP on both engines: private and shared maps, owners only change their own, the
 * session's CSRF token is required, problems name the parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { createApiKey } from '../src/access/apiKeys';
import { createUser } from '../src/access/users';

const doc = (indicator: string) => ({ version: 2, state: { thematic: { indicator, method: 'jenks', classes: 5 } } });

describe.each(ENGINES)('saved maps on the %s engine', (engine) => {
  let platform: TestPlatform;
  let ayse: Record<string, string>;
  let mehmet: Record<string, string>;
  const call = async (headers: Record<string, string>, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${platform.url}${path}`, {
      method,
      headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', json: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    platform = await startPlatform({ engine });
    const knex = platform.db.knex;
    ayse = { Authorization: `Bearer ${(await createApiKey(knex, { name: 'ayşe', role: 'analyst', expiresInDays: 1, createdBy: 'test' })).key}` };
    mehmet = { Authorization: `Bearer ${(await createApiKey(knex, { name: 'mehmet', role: 'viewer', expiresInDays: 1, createdBy: 'test' })).key}` };
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('keeps a private map to its owner and shows a shared one to everyone signed in', async () => {
    const privateMap = await call(ayse, 'POST', '/api/maps', { name: '  Nüfus yoğunluğu ', document: doc('pop_total') });
    expect(privateMap.status).toBe(201);
    expect(privateMap.json).toMatchObject({ name: 'Nüfus yoğunluğu', shared: false, schema_version: 2, own: true, document: doc('pop_total') });
    const sharedMap = await call(ayse, 'POST', '/api/maps', { name: 'İşsizlik', shared: true, document: doc('unemployment_rate') });
    expect(sharedMap.status).toBe(201);

    const mine = await call(ayse, 'GET', '/api/maps');
    expect(mine.json.maps.map((m: { name: string }) => m.name)).toEqual(['İşsizlik', 'Nüfus yoğunluğu']);
    expect(mine.json.maps[0].document).toBeUndefined();
    const theirs = await call(mehmet, 'GET', '/api/maps');
    expect(theirs.json.maps.map((m: { name: string; own: boolean }) => [m.name, m.own])).toEqual([['İşsizlik', false]]);

    expect((await call(mehmet, 'GET', `/api/maps/${sharedMap.json.id}`)).json.document).toEqual(doc('unemployment_rate'));
    const hidden = await call(mehmet, 'GET', `/api/maps/${privateMap.json.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.type).toMatch(/^application\/problem\+json/);
    expect(hidden.json.parameter).toBe('mapId');

    // Only the owner changes or deletes, shared or not.
    expect((await call(mehmet, 'PATCH', `/api/maps/${sharedMap.json.id}`, { name: 'Benim' })).status).toBe(404);
    expect((await call(mehmet, 'DELETE', `/api/maps/${sharedMap.json.id}`)).status).toBe(404);
    const renamed = await call(ayse, 'PATCH', `/api/maps/${privateMap.json.id}`, { shared: true, document: doc('households') });
    expect(renamed.json).toMatchObject({ shared: true, document: doc('households') });
    expect((await call(mehmet, 'GET', `/api/maps/${privateMap.json.id}`)).status).toBe(200);
    expect((await call(ayse, 'DELETE', `/api/maps/${privateMap.json.id}`)).status).toBe(204);
    expect((await call(ayse, 'GET', `/api/maps/${privateMap.json.id}`)).status).toBe(404);
  });

  it('refuses duplicates, bad documents and anonymous callers with a problem naming the parameter', async () => {
    await call(ayse, 'POST', '/api/maps', { name: 'Aynı', document: doc('pop_total') });
    const duplicate = await call(ayse, 'POST', '/api/maps', { name: 'Aynı', document: doc('pop_total') });
    expect([duplicate.status, duplicate.json.parameter]).toEqual([409, 'name']);
    // Another owner may use the same name.
    expect((await call(mehmet, 'POST', '/api/maps', { name: 'Aynı', document: doc('pop_total') })).status).toBe(201);
    const unversioned = await call(ayse, 'POST', '/api/maps', { name: 'Sürümsüz', document: { state: {} } });
    expect([unversioned.status, unversioned.json.parameter]).toEqual([400, 'document']);
    const blank = await call(ayse, 'POST', '/api/maps', { name: '   ', document: doc('pop_total') });
    expect([blank.status, blank.json.parameter]).toEqual([400, 'name']);
    expect((await call(ayse, 'GET', '/api/maps/abc')).json.parameter).toBe('mapId');
    const anonymous = await call({}, 'GET', '/api/maps');
    expect(anonymous.status).toBe(401);
  });

  it('needs the session’s CSRF token to save from a browser session', async () => {
    await createUser(platform.db.knex, { username: 'zeynep', display_name: 'Zeynep', role: 'analyst', password: 'zeynep-password-1' });
    const login = await fetch(`${platform.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'zeynep', password: 'zeynep-password-1' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
    const body = { name: 'Oturumdan', document: doc('pop_total') };
    expect((await call({ Cookie: cookie }, 'POST', '/api/maps', body)).status).toBe(403);
    const saved = await call({ Cookie: cookie, 'X-CSRF-Token': csrf }, 'POST', '/api/maps', body);
    expect(saved.status).toBe(201);
    expect(saved.json.owner).toBe('user:zeynep');
  });
});
