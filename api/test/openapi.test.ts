/*
 * The OpenAPI contract: /openapi.json is a valid OpenAPI 3.0 document, lists every operation, and the
 * schemas it publishes are the ones that validate requests — each declared bound, enum, pattern and
 * required parameter is broken in turn and must be answered with a 400 naming that parameter.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines';
import { exampleUrl, type DocumentedParameter } from '../../test/support/apiExamples';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { createApiKey } from '../src/access/apiKeys';

type Parameter = DocumentedParameter;
type Document = { openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, { operationId: string; parameters?: Parameter[] }>> };

/** Values that break one declared rule each. */
function violations(p: Parameter): [string, string | undefined][] {
  const s = p.schema;
  const out: [string, string | undefined][] = [];
  if (p.required && p.in === 'query') out.push(['missing', undefined]);
  if (s.type === 'number' || s.type === 'integer') out.push(['not a number', 'abc']);
  if (s.minimum !== undefined) out.push(['below minimum', String(s.minimum - 1)]);
  if (s.maximum !== undefined) out.push(['above maximum', String(s.maximum + 1)]);
  if (s.type === 'integer') out.push(['fractional', '1.5']);
  if (s.enum) out.push(['outside enum', 'zz_not_allowed']);
  if (s.pattern) out.push(['pattern', 'a!b']);
  if (s.format === 'date') out.push(['impossible date', '2024-13-01']);
  return out;
}

const url = (base: string, path: string, params: Parameter[], override: { name: string; value: string | undefined }) => exampleUrl(base, path, params, override);

describe.each(ENGINES)('the OpenAPI document on the %s engine', (engine) => {
  let platform: TestPlatform;
  let doc: Document;
  let fetch: (url: string) => Promise<Response>;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    // As an administrator, so that every operation gets as far as validating its parameters.
    const { key } = await createApiKey(platform.db.knex, { name: 'contract test', role: 'admin', expiresInDays: 1, createdBy: 'test' });
    fetch = (url) => globalThis.fetch(url, { headers: { Authorization: `Bearer ${key}` } });
    // A saved map of that key: GET /api/maps/{mapId} with the example id 1 then has one to answer.
    const saved = await globalThis.fetch(`${platform.url}/api/maps`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'contract test', document: { version: 2, state: {} } }),
    });
    expect(((await saved.json()) as { id: number }).id).toBe(1);
    const response = await fetch(`${platform.url}/openapi.json`);
    expect(response.headers.get('content-type')).toBe('application/vnd.oai.openapi+json;version=3.0');
    doc = (await response.json()) as Document;
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('is a valid OpenAPI 3.0 document that lists every operation', async () => {
    await SwaggerParser.validate(structuredClone(doc) as never);
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.servers).toEqual([{ url: platform.url }]);
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations).toEqual(expect.arrayContaining([
      'GET /health', 'GET /api/neighbourhoods', 'GET /api/lookup', 'POST /api/lookup', 'GET /api/facilities/nearest', 'GET /api/within',
      'POST /api/within', 'POST /api/area-statistics', 'GET /api/coverage', 'GET /api/requests/statistics', 'GET /api/requests/monthly',
      'GET /api/neighbourhoods/compare', 'GET /api/neighbourhoods/{code}/profile', 'GET /tiles/base/{z}/{x}/{y}.mvt',
      'GET /tiles/{collection}/{z}/{x}/{y}.mvt', 'GET /tiles/{collection}.json', 'GET /openapi.json', 'GET /docs',
      'GET /ogc', 'GET /ogc/conformance', 'GET /ogc/collections', 'GET /ogc/collections/{collectionId}/items', 'GET /ogc/collections/{collectionId}/items/{featureId}',
    ]));
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    const lon = doc.paths['/api/lookup']!.get!.parameters!.find((p) => p.name === 'lon')!;
    expect(lon).toMatchObject({ in: 'query', required: true, schema: { type: 'number', minimum: -180, maximum: 180 } });
  });

  it('accepts the valid baseline of every documented GET operation', async () => {
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const op = item.get;
      if (!op || path.startsWith('/ogc')) continue;
      const response = await fetch(url(platform.url, path, op.parameters ?? [], { name: '', value: undefined }));
      expect(response.status, `${path}`).toBeLessThan(300);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(16);
  });

  it('rejects each broken rule of each documented parameter with a 400 naming it', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const op = item.get;
      if (!op || path.startsWith('/ogc')) continue;
      const parameters = op.parameters ?? [];
      for (const p of parameters) {
        for (const [rule, value] of violations(p)) {
          const target = url(platform.url, path, parameters, { name: p.name, value });
          const response = await fetch(target);
          const body = (await response.json().catch(() => null)) as { parameter?: string } | null;
          checked += 1;
          if (response.status !== 400 || !response.headers.get('content-type')?.startsWith('application/problem+json') || body?.parameter !== p.name) {
            failures.push(`${rule} ${p.name} → ${response.status} ${body?.parameter} (${target})`);
          }
        }
      }
      const unknown = await fetch(url(platform.url, path, parameters, { name: 'surprise', value: '1' }));
      expect(unknown.status, path).toBe(400);
      expect(((await unknown.json()) as { parameter: string }).parameter).toBe('surprise');
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });
});
