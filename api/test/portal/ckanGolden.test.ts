/**
 * Golden request/response pairs of the CKAN Action API (api/test/portal/ckan-golden/*.json), compared
 * field by field on both engines. Each file holds a request (`as` names the caller's role: an API key of
 * that role is sent bare in `Authorization`, as CKAN clients do) and the expected status and body.
 *
 * Ignored, because they are the time the test database was prepared: metadata_created,
 * metadata_modified, created, last_modified. The platform's origin is written {BASE} in the files.
 * `REGEN=1` rewrites the responses from the embedded engine; review the diff before committing it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';
import { createApiKey } from '../../src/access/apiKeys';
import type { Role } from '../../src/access/permissions';

const DIR = path.join(import.meta.dirname, 'ckan-golden');
const VOLATILE = new Set(['metadata_created', 'metadata_modified', 'created', 'last_modified']);
const REGEN = process.env.REGEN === '1';

interface GoldenCase {
  description: string;
  request: { method: 'GET' | 'POST'; path: string; query?: Record<string, string>; body?: unknown; as?: Role | 'invalid-key' };
  response?: { status: number; body: unknown };
}

const CASES = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

/** Every difference between expected and actual, as "path: expected … got …". */
export function differences(expected: unknown, actual: unknown, at = '$'): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array, got ${JSON.stringify(actual)}`];
    const out = expected.length === actual.length ? [] : [`${at}: expected ${expected.length} items, got ${actual.length}`];
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) out.push(...differences(expected[i], actual[i], `${at}[${i}]`));
    return out;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const out: string[] = [];
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (VOLATILE.has(key)) {
        if (!(key in a)) out.push(`${at}.${key}: missing`);
        continue;
      }
      if (!(key in a)) out.push(`${at}.${key}: missing`);
      else if (!(key in e)) out.push(`${at}.${key}: unexpected ${JSON.stringify(a[key]).slice(0, 80)}`);
      else out.push(...differences(e[key], a[key], `${at}.${key}`));
    }
    return out;
  }
  return Object.is(expected, actual) ? [] : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

describe.each(ENGINES)('CKAN Action API golden pairs on the %s engine', (engine) => {
  let platform: TestPlatform;
  const keys = new Map<string, string>();
  beforeAll(async () => {
    platform = await startPlatform({ engine, env: { RATE_LIMIT_PER_MINUTE: '0' } });
    for (const role of ['admin', 'analyst', 'viewer'] as const) {
      keys.set(role, (await createApiKey(platform.db.knex, { name: `golden ${role}`, role, expiresInDays: 1, createdBy: 'test' })).key);
    }
    keys.set('invalid-key', 'kbs_not_a_real_key_0000000000');
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('has a golden pair for every action, and error cases', () => {
    const texts = CASES.map((f) => fs.readFileSync(path.join(DIR, f), 'utf8'));
    for (const action of ['package_list', 'package_search', 'package_show', 'resource_show', 'organization_list', 'organization_show', 'group_list', 'tag_list', 'datastore_search', 'status_show', 'site_read']) {
      expect(texts.some((t) => t.includes(`/api/3/action/${action}"`)), action).toBe(true);
    }
    for (const type of ['Authorization Error', 'Not Found Error', 'Validation Error', 'Search Query Error']) {
      expect(texts.some((t) => t.includes(`"__type": "${type}"`)), type).toBe(true);
    }
  });

  it.each(CASES)('%s', async (file) => {
    const golden = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as GoldenCase;
    const { method, path: route, query, body, as } = golden.request;
    const url = `${platform.url}${route}${query ? `?${new URLSearchParams(query)}` : ''}`;
    const headers: Record<string, string> = {};
    if (as && as !== 'anonymous') headers.Authorization = keys.get(as)!;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = (await response.text()).replaceAll(platform.url, '{BASE}');
    const actual = { status: response.status, body: JSON.parse(text) as unknown };
    if (REGEN && engine === 'embedded') {
      fs.writeFileSync(path.join(DIR, file), `${JSON.stringify({ ...golden, response: actual }, null, 2)}\n`);
      return;
    }
    expect(golden.response, `${file} has no response yet: run with REGEN=1`).toBeDefined();
    expect(differences(golden.response, actual)).toEqual([]);
  });
});
