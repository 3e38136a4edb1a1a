/*
 * Sign-in, sessions and CSRF, API keys shown once and stored hashed, and the append-only audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';
import { createUser } from '../../src/access/users';

const PASSWORD = 'correct horse battery';

describe.each(ENGINES)('sign-in, keys and audit on the %s engine', (engine) => {
  let platform: TestPlatform;
  let cookie = '';
  let csrf = '';
  const call = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${platform.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    await createUser(platform.db.knex, { username: 'ayse', display_name: 'Ayşe Yılmaz', role: 'admin', password: PASSWORD });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('signs in with a secure session cookie and refuses a wrong password alike for unknown users', async () => {
    const wrong = await call('/api/auth/login', { method: 'POST', body: { username: 'ayse', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { parameter: string }).parameter).toBe('password');
    expect((await call('/api/auth/login', { method: 'POST', body: { username: 'nobody', password: 'x' } })).status).toBe(401);
    const ok = await call('/api/auth/login', { method: 'POST', body: { username: 'AYSE', password: PASSWORD } });
    expect(ok.status).toBe(200);
    const setCookie = ok.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^kbs_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie.toLowerCase()).toContain('httponly');
    expect(setCookie.toLowerCase()).toContain('samesite=strict');
    cookie = setCookie.split(';')[0]!;
    csrf = ((await ok.json()) as { csrf_token: string }).csrf_token;
    const stored = await platform.db.knex('auth.sessions').select('id');
    expect(stored.map((s) => s.id)).not.toContain(cookie.split('=')[1]);
    const me = (await (await call('/api/auth/me', { headers: { Cookie: cookie } })).json()) as { role: string; clearance: string; csrf_token: string };
    expect(me).toMatchObject({ role: 'admin', clearance: 'personal', csrf_token: csrf });
    const hash = (await platform.db.knex('auth.users').where({ username: 'ayse' }).first()).password_hash as string;
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('requires the CSRF token of the session for changes, and issues keys shown once', async () => {
    const body = { name: 'Zabıta mobil', role: 'viewer', expires_in_days: 30 };
    const noToken = await call('/api/admin/keys', { method: 'POST', body, headers: { Cookie: cookie } });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { parameter: string }).parameter).toBe('X-CSRF-Token');
    const badToken = await call('/api/admin/keys', { method: 'POST', body, headers: { Cookie: cookie, 'X-CSRF-Token': 'guess' } });
    expect(badToken.status).toBe(403);
    const created = await call('/api/admin/keys', { method: 'POST', body, headers: { Cookie: cookie, 'X-CSRF-Token': csrf } });
    expect(created.status).toBe(201);
    const { key, prefix } = (await created.json()) as { key: string; prefix: string };
    expect(key).toMatch(new RegExp(`^kbs_${prefix}_[A-Za-z0-9_-]{43}$`));
    const listed = await (await call('/api/admin/keys', { headers: { Cookie: cookie } })).text();
    expect(listed).toContain(prefix);
    expect(listed).not.toContain(key.slice(15));
    const row = await platform.db.knex('auth.api_keys').where({ prefix }).first();
    expect(JSON.stringify(row)).not.toContain(key.slice(15));
    const asKey = (await (await call('/api/auth/me', { headers: { Authorization: `Bearer ${key}` } })).json()) as { role: string; actor: string };
    expect(asKey).toMatchObject({ role: 'viewer', actor: `key:${prefix}` });
    expect((await call('/api/admin/users', { headers: { Authorization: `Bearer ${key}` } })).status).toBe(403);
    // A key needs no CSRF token: it is not sent by browsers on their own.
    expect((await call(`/api/admin/keys/${prefix}`, { method: 'DELETE', headers: { Cookie: cookie, 'X-CSRF-Token': csrf } })).status).toBe(204);
    expect((await call('/api/auth/me', { headers: { Authorization: `Bearer ${key}` } })).status).toBe(401);
  });

  it('ends sessions when a user is disabled, and signs out', async () => {
    await createUser(platform.db.knex, { username: 'mehmet', display_name: 'Mehmet', role: 'analyst', password: PASSWORD });
    const login = await call('/api/auth/login', { method: 'POST', body: { username: 'mehmet', password: PASSWORD } });
    const mehmet = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(((await (await call('/api/auth/me', { headers: { Cookie: mehmet } })).json()) as { role: string }).role).toBe('analyst');
    const disable = await call('/api/admin/users/mehmet', { method: 'PATCH', body: { disabled: true }, headers: { Cookie: cookie, 'X-CSRF-Token': csrf } });
    expect(disable.status).toBe(200);
    expect(((await (await call('/api/auth/me', { headers: { Cookie: mehmet } })).json()) as { role: string }).role).toBe('anonymous');
    expect((await call('/api/auth/login', { method: 'POST', body: { username: 'mehmet', password: PASSWORD } })).status).toBe(401);
    const out = await call('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie } });
    expect(out.status).toBe(204);
    expect(((await (await call('/api/auth/me', { headers: { Cookie: cookie } })).json()) as { role: string }).role).toBe('anonymous');
  });

  it('keeps an append-only audit log that admins can query and export', async () => {
    const entries = await platform.db.knex('audit.log').select('actor', 'action', 'outcome', 'target', 'details').orderBy('id');
    const summary = entries.map((e) => `${e.actor} ${e.action} ${e.outcome}`);
    expect(summary).toEqual(expect.arrayContaining([
      'user:ayse sign-in failed', 'user:nobody sign-in failed', 'user:ayse sign-in ok', 'user:ayse key-create ok', 'user:ayse key-revoke ok',
      'user:ayse user-update ok', 'user:ayse sign-out ok',
    ]));
    const update = entries.find((e) => e.action === 'user-update')!;
    expect(update.details.before.disabled).toBe(false);
    expect(update.details.after.disabled).toBe(true);
    for (const statement of ['UPDATE audit.log SET actor = ?', 'DELETE FROM audit.log WHERE actor <> ?', 'TRUNCATE audit.log']) {
      await expect(platform.db.knex.raw(statement.replace('?', "'x'"))).rejects.toThrow(/append-only/);
    }
    expect(await platform.db.knex('audit.log').count({ n: '*' }).first()).toEqual({ n: entries.length });
    const login = await call('/api/auth/login', { method: 'POST', body: { username: 'ayse', password: PASSWORD } });
    const admin = login.headers.get('set-cookie')!.split(';')[0]!;
    const csv = await call('/api/admin/audit?format=csv&action=sign-in', { headers: { Cookie: admin } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so that Excel reads UTF-8
    const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('id,at,actor,action,target,address,outcome,details');
    expect(lines.length - 1).toBe(entries.filter((e) => e.action === 'sign-in').length + 1);
    const listed = (await (await call('/api/admin/audit?actor=user:nobody', { headers: { Cookie: admin } })).json()) as { entries: { outcome: string }[] };
    expect(listed.entries.map((e) => e.outcome)).toEqual(['failed']);
  });
});
