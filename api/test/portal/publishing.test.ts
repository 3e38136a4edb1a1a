/*
 * Publishing: a department editor drafts metadata, a publisher approves it; unpublishing keeps the URLs,
 * which answer 410 with the reason; approved metadata survives the shipped definitions written at start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset, upsertDataset } from '@kbs/core';
import { facilities } from '../../../data/src/datasets/facilities';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';
import { createApiKey } from '../../src/access/apiKeys';
import { metadataCompleteness } from '../../src/portal/publishing/completeness';

const NEW_DESCRIPTION =
  'Bağcılar ilçesindeki okul, sağlık ocağı, park, kütüphane ve kültür merkezlerinin konumları; müdürlüklerin bildirdiği kapasite ve açılış yılları ile.';

describe.each(ENGINES)('publishing on the %s engine', (engine) => {
  let platform: TestPlatform;
  const keys: Record<string, string> = {};
  const call = (key: string | null, method: string, path: string, body?: unknown) =>
    fetch(`${platform.url}${path}`, {
      method,
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    platform = await startPlatform({ engine });
    const make = async (role: 'publisher' | 'department_editor', datasets: string[] = []) =>
      (await createApiKey(platform.db.knex, { name: `publishing ${role} ${datasets}`, role, datasets, expiresInDays: 1, createdBy: 'test' })).key;
    keys.publisher = await make('publisher');
    keys.facilitiesEditor = await make('department_editor', ['facilities']);
    keys.otherEditor = await make('department_editor', ['panoramas']);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('scores the completeness of a published dataset for everyone', async () => {
    const response = await call(null, 'GET', '/api/datasets/facilities/completeness');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { score: number; missing: string[] };
    const expected = metadataCompleteness((await getDataset(platform.db.knex, 'facilities'))!);
    expect(body.score).toBe(expected.score);
    expect(body.missing).toEqual(expected.missing);
    expect(body.score).toBeGreaterThan(0);
    expect(body.score).toBeLessThanOrEqual(100);
    expect((await call(null, 'GET', '/api/datasets/citizen_request_applicants/completeness')).status).toBe(404);
  });

  it('lists for each editor the datasets they may edit, with completeness and the vocabularies', async () => {
    type Listing = { datasets: { id: string; completeness: { score: number } }[]; themes: string[]; frequencies: string[] };
    const mine = (await (await call(keys.facilitiesEditor!, 'GET', '/api/publishing/datasets')).json()) as Listing;
    expect(mine.datasets.map((d) => d.id)).toEqual(['facilities']);
    expect(mine.themes).toContain('SOCI');
    expect(mine.frequencies).toContain('ANNUAL');
    const all = (await (await call(keys.publisher!, 'GET', '/api/publishing/datasets')).json()) as Listing;
    expect(all.datasets.map((d) => d.id)).toEqual(expect.arrayContaining(['facilities', 'neighbourhoods', 'citizen_requests']));
    expect((await call(null, 'GET', '/api/publishing/datasets')).status).toBe(401);
  });

  it('lets an editor draft only their datasets; nothing public changes until a publisher approves', async () => {
    expect((await call(null, 'PATCH', '/api/datasets/facilities/metadata-draft', { descriptionTr: NEW_DESCRIPTION })).status).toBe(401);
    expect((await call(keys.otherEditor!, 'PATCH', '/api/datasets/facilities/metadata-draft', { descriptionTr: NEW_DESCRIPTION })).status).toBe(403);
    const invalid = await call(keys.facilitiesEditor!, 'PATCH', '/api/datasets/facilities/metadata-draft', { theme: 'NOPE' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { parameter: string }).parameter).toBe('theme');

    const drafted = await call(keys.facilitiesEditor!, 'PATCH', '/api/datasets/facilities/metadata-draft', { descriptionTr: NEW_DESCRIPTION, keywords: ['okul', 'park', 'sağlık'] });
    expect(drafted.status).toBe(200);
    const draft = (await drafted.json()) as { draft: { changes: Record<string, unknown>; author: string }; completenessIfApproved: { score: number } };
    expect(draft.draft.changes).toEqual({ descriptionTr: NEW_DESCRIPTION, keywords: ['okul', 'park', 'sağlık'] });
    expect(draft.draft.author).toMatch(/^key:/);

    const collection = (await (await call(null, 'GET', '/ogc/collections/facilities?f=json')).json()) as { description: string };
    expect(collection.description).not.toBe(NEW_DESCRIPTION);
    expect((await call(keys.facilitiesEditor!, 'POST', '/api/datasets/facilities/metadata-draft/approve')).status).toBe(403);

    const approved = await call(keys.publisher!, 'POST', '/api/datasets/facilities/metadata-draft/approve');
    expect(approved.status).toBe(200);
    const after = (await getDataset(platform.db.knex, 'facilities'))!;
    expect(after.descriptionTr).toBe(NEW_DESCRIPTION);
    expect(after.keywords).toEqual(['okul', 'park', 'sağlık']);
    expect(((await approved.json()) as { completeness: { score: number } }).completeness.score).toBe(metadataCompleteness(after).score);
    expect((await call(keys.publisher!, 'POST', '/api/datasets/facilities/metadata-draft/approve')).status).toBe(409);
    const audit = await platform.db.knex('audit.log').whereIn('action', ['metadata-draft', 'metadata-approve']).orderBy('id').select('action', 'target');
    expect(audit).toEqual([
      { action: 'metadata-draft', target: 'dataset:facilities' },
      { action: 'metadata-approve', target: 'dataset:facilities' },
    ]);

    // What the platform does at every start: the shipped definition must not undo the approval.
    await upsertDataset(platform.db.knex, facilities, { keepPublication: true });
    expect((await getDataset(platform.db.knex, 'facilities'))!.descriptionTr).toBe(NEW_DESCRIPTION);
  });

  it('unpublishes with a reason: the URLs stay and answer 410 with it; publishing again restores them', async () => {
    const noReason = await call(keys.publisher!, 'POST', '/api/datasets/facilities/publication', { published: false });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { parameter: string }).parameter).toBe('reason');

    const reason = 'Koordinatlar yeniden ölçülüyor; Mart ayında yeniden yayımlanacak.';
    expect((await call(keys.publisher!, 'POST', '/api/datasets/facilities/publication', { published: false, reason })).status).toBe(200);
    for (const path of ['/ogc/collections/facilities', '/ogc/collections/facilities/items', '/tiles/facilities.json', '/api/datasets/facilities/completeness']) {
      const response = await call(null, 'GET', path);
      expect(response.status, path).toBe(410);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as { reason: string }).reason).toBe(reason);
    }
    const listed = (await (await call(null, 'GET', '/ogc/collections?f=json')).json()) as { collections: { id: string }[] };
    expect(listed.collections.map((c) => c.id)).not.toContain('facilities');
    expect((await call(keys.publisher!, 'GET', '/ogc/collections/facilities?f=json')).status).toBe(200);

    expect((await call(keys.publisher!, 'POST', '/api/datasets/facilities/publication', { published: true })).status).toBe(200);
    expect((await call(null, 'GET', '/ogc/collections/facilities?f=json')).status).toBe(200);
    expect((await call(keys.publisher!, 'POST', '/api/datasets/citizen_request_applicants/publication', { published: true })).status).toBe(409);
  });
});
