/**
 * No personal or internal column leaks through the CKAN API to anonymous callers: a published public
 * dataset with a personal and an internal column, loaded through the ETL, is walked through every
 * action; neither the values nor the column names may appear, and `q` must not find rows by them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDataset, type DatasetDefinition } from '@kbs/core';
import { createGenericDataset, loadDataset } from '@kbs/etl';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';
import { createApiKey } from '../../src/access/apiKeys';

const ID = 'kvkk_ornek';
const PERSONAL_VALUES = ['Zeynep Gizlioğlu', 'Gizlioğlu', 'gizlioglu', '0532 999 88 77', '999 88 77'];
const INTERNAL_VALUES = ['İÇ-NOT-4711', 'NOT-4711', 'not-4711'];
const PERSONAL_COLUMNS = ['ad_soyad', 'telefon'];
const INTERNAL_COLUMNS = ['ic_not'];
const CSV = [
  'Mahalle,Sayı,Ad Soyad,Telefon,İç not,Tarih',
  'Kirazlı,12,Zeynep Gizlioğlu,0532 999 88 77,İÇ-NOT-4711,2024-03-05',
  'Göztepe,7,Ali Veli,0212 000 00 00,sıradan not,2024-12-31',
].join('\n');

function leaks(text: string, values: string[], columns: string[]): string[] {
  const lower = text.toLocaleLowerCase('tr-TR');
  return [...values.filter((v) => lower.includes(v.toLocaleLowerCase('tr-TR'))), ...columns.filter((c) => new RegExp(`\\b${c}\\b`, 'i').test(text))];
}

describe.each(ENGINES)('CKAN API privacy on the %s engine', (engine) => {
  let platform: TestPlatform;
  let analystKey: string;
  let adminKey: string;
  let dir: string;
  beforeAll(async () => {
    platform = await startPlatform({ engine, env: { RATE_LIMIT_PER_MINUTE: '0' } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-kvkk-'));
    const file = path.join(dir, 'kvkk.csv');
    fs.writeFileSync(file, CSV);
    const created = await createGenericDataset(platform.db.knex, file, { id: ID, titleTr: 'KVKK deneme: mahalle başına sayılar' });
    const privacy: Record<string, DatasetDefinition['columns'][number]['privacy']> = { mahalle: 'public', sayi: 'public', ad_soyad: 'personal', telefon: 'personal', ic_not: 'internal', tarih: 'public', id: 'public' };
    expect(created.columns.map((c) => c.name).sort()).toEqual(Object.keys(privacy).sort());
    await upsertDataset(platform.db.knex, {
      ...created,
      published: true,
      access: 'public',
      keywords: ['deneme'],
      columns: created.columns.map((c) => ({ ...c, privacy: privacy[c.name]! })),
    });
    const report = await loadDataset(platform.db.knex, file, ID);
    expect(report.status).toBe('succeeded');
    analystKey = (await createApiKey(platform.db.knex, { name: 'kvkk analyst', role: 'analyst', expiresInDays: 1, createdBy: 'test' })).key;
    adminKey = (await createApiKey(platform.db.knex, { name: 'kvkk admin', role: 'admin', expiresInDays: 1, createdBy: 'test' })).key;
  });
  afterAll(async () => {
    await platform?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function call(name: string, params: Record<string, unknown>, key?: string) {
    const response = await fetch(`${platform.url}/api/3/action/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: key } : {}) },
      body: JSON.stringify(params),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as any };
  }

  const ANONYMOUS_CALLS: [string, Record<string, unknown>][] = [
    ['package_search', { q: 'KVKK deneme', 'facet.field': ['tags', 'organization', 'res_format'] }],
    ['package_search', { fq: 'tags:deneme', rows: 1000 }],
    ['package_list', {}],
    ['package_show', { id: ID }],
    ['organization_show', { id: 'bilgi-islem-mudurlugu-kent-bilgi-sistemi', include_datasets: true }],
    ['tag_list', { all_fields: true }],
    ['datastore_search', { resource_id: `${ID}.csv` }],
    ['datastore_search', { resource_id: `${ID}.xlsx`, limit: 32000, sort: 'sayi desc' }],
    ['datastore_search', { resource_id: `${ID}.csv`, q: 'kirazli' }],
  ];

  it('shows anonymous callers the public columns and rows, and nothing of the others', async () => {
    for (const [name, params] of ANONYMOUS_CALLS) {
      const { status, text } = await call(name, params);
      expect(status, `${name} ${JSON.stringify(params)}`).toBe(200);
      expect(leaks(text, [...PERSONAL_VALUES, ...INTERNAL_VALUES], [...PERSONAL_COLUMNS, ...INTERNAL_COLUMNS]), `${name} ${JSON.stringify(params)}`).toEqual([]);
    }
    const { body } = await call('datastore_search', { resource_id: `${ID}.csv`, sort: 'mahalle asc' });
    expect(body.result.fields.map((f: { id: string; type: string }) => `${f.id}:${f.type}`)).toEqual(['id:int8', 'mahalle:text', 'sayi:int4', 'tarih:date']);
    // A date is the calendar day, whatever the time zone of the API process.
    expect(body.result.records).toEqual([{ id: expect.any(Number), mahalle: 'Göztepe', sayi: 7, tarih: '2024-12-31' }, { id: expect.any(Number), mahalle: 'Kirazlı', sayi: 12, tarih: '2024-03-05' }]);
  });

  it('finds nothing by a personal or internal value, neither a dataset nor a row', async () => {
    for (const q of ['Gizlioğlu', 'gizlioglu', '0532 999', 'NOT-4711', 'telefon', 'ad soyad']) {
      const search = await call('package_search', { q });
      expect(search.body.result.count, `package_search ${q}`).toBe(0);
      const rows = await call('datastore_search', { resource_id: `${ID}.csv`, q });
      expect(rows.body.result.total, `datastore_search ${q}`).toBe(0);
      expect(rows.body.result.records).toEqual([]);
    }
  });

  it('answers a personal or internal column named in fields, filters, q or sort as "not in table", for the public', async () => {
    const probes: Record<string, unknown>[] = [
      { fields: 'mahalle,telefon' },
      { fields: ['ic_not'] },
      { filters: { ad_soyad: 'Zeynep Gizlioğlu' } },
      { filters: JSON.stringify({ ic_not: 'İÇ-NOT-4711' }) },
      { q: { telefon: '0532' } },
      { sort: 'ad_soyad asc' },
    ];
    for (const probe of probes) {
      const { status, body, text } = await call('datastore_search', { resource_id: `${ID}.csv`, ...probe });
      expect(status, JSON.stringify(probe)).toBe(409);
      expect(body.error.__type).toBe('Validation Error');
      expect(JSON.stringify(body.error)).toMatch(/not in table/);
      expect(leaks(text, [...PERSONAL_VALUES, ...INTERNAL_VALUES], []), JSON.stringify(probe)).toEqual([]);
    }
  });

  it('shows internal columns to an analyst key but never personal ones; an administrator sees both', async () => {
    const analyst = await call('datastore_search', { resource_id: `${ID}.csv`, sort: 'mahalle desc' }, analystKey);
    expect(analyst.status).toBe(200);
    expect(analyst.body.result.fields.map((f: { id: string }) => f.id)).toEqual(['id', 'mahalle', 'sayi', 'ic_not', 'tarih']);
    expect(analyst.body.result.records[0].ic_not).toBe('İÇ-NOT-4711');
    expect(leaks(analyst.text, PERSONAL_VALUES, PERSONAL_COLUMNS)).toEqual([]);
    expect((await call('datastore_search', { resource_id: `${ID}.csv`, fields: 'telefon' }, analystKey)).status).toBe(409);

    const admin = await call('datastore_search', { resource_id: `${ID}.csv`, filters: { telefon: '0532 999 88 77' } }, adminKey);
    expect(admin.status).toBe(200);
    expect(admin.body.result.records).toHaveLength(1);
    expect(admin.body.result.records[0].ad_soyad).toBe('Zeynep Gizlioğlu');

    // CKAN's older header carries the same key.
    const legacy = await fetch(`${platform.url}/api/3/action/datastore_search?resource_id=${ID}.csv&fields=telefon`, { headers: { 'X-CKAN-API-Key': adminKey } });
    expect(legacy.status).toBe(200);
    expect(((await legacy.json()) as any).result.records.map((r: { telefon: string }) => r.telefon).sort()).toEqual(['0212 000 00 00', '0532 999 88 77']);
  });

  it('keeps personal datasets out of every listing for the public, even when asked for private ones', async () => {
    for (const [name, params] of [
      ['package_list', {}],
      ['package_search', { q: 'başvuru sahipleri', include_private: true, rows: 1000 }],
      ['package_search', { fq: 'name:citizen_request_applicants' }],
      ['tag_list', {}],
    ] as const) {
      const { text } = await call(name, params);
      expect(text, name).not.toMatch(/citizen_request_applicants|applicant_(name|phone|national_id)|KVKK"/);
    }
  });
});
