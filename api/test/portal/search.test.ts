/**
 * The portal's Turkish search through package_search: folding, stemming, facets against counts made
 * from the catalog itself, sorts, paging, and the page-view counter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldTurkish, listDatasets, upsertDataset, type DatasetDefinition } from '@kbs/core';
import { SHIPPED_DATASETS } from '@kbs/data';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';
import { canSeeDataset } from '../../src/access/clearance';
import { formatsFor } from '../../src/portal/formats';
import { recordUsage } from '../../src/portal/usage';
import { organizationName } from '../../src/portal/ckan/packageDict';

const facilities = SHIPPED_DATASETS.find((d) => d.id === 'facilities')!;

function extra(id: string, titleTr: string, changes: Partial<DatasetDefinition> = {}): DatasetDefinition {
  return { ...facilities, id, table: id, titleTr, titleEn: id, descriptionTr: 'Deneme verisi.', descriptionEn: 'Test data.', keywords: [], published: true, ...changes };
}

const EXTRA: DatasetDefinition[] = [
  extra('nufus_piramidi', 'Bağcılar nüfus piramidi 2024', { theme: 'SOCI', geometryType: null, keywords: ['nüfus', 'yaş'], publisher: 'Strateji Geliştirme Müdürlüğü', updateFrequency: 'ANNUAL' }),
  extra('parklar', 'Park ve bahçeler', { keywords: ['yeşil alan'], publisher: 'Park ve Bahçeler Müdürlüğü' }),
  extra('aydinlatma', 'Sokak aydınlatma ışıkları', { theme: 'ENER', keywords: ['enerji'], publisher: 'Fen İşleri Müdürlüğü' }),
  extra('taslak_veri', 'Taslak: Bağcılar nüfus projeksiyonu', { published: false }),
];

async function action(platform: TestPlatform, name: string, params: Record<string, string> = {}) {
  const response = await fetch(`${platform.url}/api/3/action/${name}?${new URLSearchParams(params)}`);
  const body = (await response.json()) as any;
  return { status: response.status, body, result: body.result };
}

describe.each(ENGINES)('Turkish search on the %s engine', (engine) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform({ engine, env: { RATE_LIMIT_PER_MINUTE: '0' } });
    for (const def of EXTRA) await upsertDataset(platform.db.knex, def);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('folds in SQL exactly as foldTurkish does in Node (the index and the query must agree)', async () => {
    const samples = ['İSTANBUL', 'ıIiİ', 'Işık IĞDIR', 'ÇĞÖŞÜ çğöşü', 'Âşık Îmâ Ûmran', 'Éclair Ñandú', 'i\u0307stanbul', 'BAĞCILAR Kirazlı 2024'];
    for (const sample of samples) {
      const { rows } = await platform.db.knex.raw<{ rows: { f: string }[] }>('SELECT portal.fold_turkish(?) AS f', [sample]);
      expect(rows[0]!.f, sample).toBe(foldTurkish(sample));
    }
  });

  it.each(['bagcilar nufus', 'Bağcılar nüfus', 'BAĞCILAR NÜFUSU', "Bağcılar'ın nüfusu", 'BAGCILAR NUFUS PIRAMIDI'])('"%s" finds "Bağcılar nüfus piramidi 2024" first', async (q) => {
    const { result } = await action(platform, 'package_search', { q });
    expect(result.results[0].name).toBe('nufus_piramidi');
    // An unpublished dataset with the same words stays out.
    expect(result.results.map((r: { name: string }) => r.name)).not.toContain('taslak_veri');
  });

  it('stems Turkish: "parkları" finds "Park ve bahçeler", "ışıklar" and "ISIKLARI" find "aydınlatma ışıkları"', async () => {
    expect((await action(platform, 'package_search', { q: 'parkları' })).result.results.map((r: { name: string }) => r.name)).toContain('parklar');
    for (const q of ['ışıklar', 'ISIKLARI', 'aydinlatma']) {
      expect((await action(platform, 'package_search', { q })).result.results.map((r: { name: string }) => r.name), q).toEqual(['aydinlatma']);
    }
    expect((await action(platform, 'package_search', { q: 'zzzyokboyle' })).result.count).toBe(0);
  });

  it('ranks a title match above a keyword-only match', async () => {
    // "nüfus" is in nufus_piramidi's title and keywords, in neighbourhoods' title ("nüfusları"), and only in indicator_values' keywords.
    const names = (await action(platform, 'package_search', { q: 'nüfus', rows: '20' })).result.results.map((r: { name: string }) => r.name);
    expect(names.indexOf('nufus_piramidi')).toBeLessThan(names.indexOf('indicator_values'));
    expect(names.indexOf('neighbourhoods')).toBeLessThan(names.indexOf('indicator_values'));
  });

  it('counts every facet as the catalog itself does (anonymous: published public datasets)', async () => {
    const facets = ['groups', 'organization', 'tags', 'res_format', 'license_id', 'frequency', 'spatial'];
    const { result } = await action(platform, 'package_search', { 'facet.field': JSON.stringify(facets), 'facet.limit': '-1', rows: '0' });
    const visible = (await listDatasets(platform.db.knex)).filter((d) => canSeeDataset(d, 'public'));
    expect(result.count).toBe(visible.length);
    const expected: Record<string, Record<string, number>> = Object.fromEntries(facets.map((f) => [f, {}]));
    const add = (facet: string, name: string) => (expected[facet]![name] = (expected[facet]![name] ?? 0) + 1);
    for (const d of visible) {
      add('groups', d.theme.toLowerCase());
      add('organization', organizationName(d.publisher));
      for (const k of new Set(d.keywords)) add('tags', k);
      for (const f of formatsFor(d)) add('res_format', f.label);
      add('license_id', 'cc-by-4.0');
      add('frequency', d.updateFrequency);
      add('spatial', String(d.geometryType !== null));
    }
    for (const f of facets) {
      expect(result.facets[f], f).toEqual(expected[f]);
      const items = result.search_facets[f].items as { name: string; count: number }[];
      expect(Object.fromEntries(items.map((i) => [i.name, i.count])), f).toEqual(expected[f]);
      // CKAN orders facet items by count, largest first.
      expect(items.map((i) => i.count)).toEqual([...items.map((i) => i.count)].sort((a, b) => b - a));
    }
    expect(expected.organization!['strateji-gelistirme-mudurlugu']).toBe(1);
  });

  it('filters with fq on each facet field and combines fq terms with AND', async () => {
    const names = async (fq: string) => (await action(platform, 'package_search', { fq, rows: '100' })).result.results.map((r: { name: string }) => r.name).sort();
    const soci = (await listDatasets(platform.db.knex)).filter((d) => canSeeDataset(d, 'public') && d.theme === 'SOCI').map((d) => d.id).sort();
    expect(soci).toContain('nufus_piramidi');
    expect(await names('groups:soci')).toEqual(soci);
    expect(await names('organization:strateji-gelistirme-mudurlugu')).toEqual(['nufus_piramidi']);
    expect(await names('tags:"yeşil alan"')).toEqual(['parklar']);
    expect(await names('res_format:GeoJSON groups:ener')).toEqual(['aydinlatma']);
    expect(await names('spatial:false organization:strateji-gelistirme-mudurlugu')).toEqual(['nufus_piramidi']);
    expect(await names('frequency:annual groups:soci')).toContain('nufus_piramidi');
    expect(await names('res_format:DWG')).toEqual([]);
  });

  it('sorts by downloads, by date and by name, and pages without gaps or repeats', async () => {
    for (let i = 0; i < 3; i++) await recordUsage(platform.db.knex, 'panoramas', 'downloads');
    await recordUsage(platform.db.knex, 'district', 'downloads');
    const byDownloads = (await action(platform, 'package_search', { sort: 'downloads desc' })).result.results.map((r: { name: string }) => r.name);
    expect(byDownloads.slice(0, 2)).toEqual(['panoramas', 'district']);

    await upsertDataset(platform.db.knex, extra('parklar', 'Park ve bahçeler (güncel)', { keywords: ['yeşil alan'], publisher: 'Park ve Bahçeler Müdürlüğü' }));
    const byDate = (await action(platform, 'package_search', { sort: 'metadata_modified desc' })).result.results;
    expect(byDate[0].name).toBe('parklar');
    const stamps = byDate.map((r: { metadata_modified: string }) => r.metadata_modified);
    expect(stamps).toEqual([...stamps].sort().reverse());

    const all = (await action(platform, 'package_search', { sort: 'name asc', rows: '100' })).result.results.map((r: { name: string }) => r.name);
    expect(all).toEqual([...all].sort());
    const pages: string[] = [];
    for (let start = 0; start < all.length; start += 3) {
      pages.push(...(await action(platform, 'package_search', { sort: 'name asc', rows: '3', start: String(start) })).result.results.map((r: { name: string }) => r.name));
    }
    expect(pages).toEqual(all);
  });

  it('keeps the index in step with the catalog: a renamed title is found by its new words only', async () => {
    await upsertDataset(platform.db.knex, extra('aydinlatma', 'Cadde lambaları envanteri', { theme: 'ENER', keywords: ['enerji'], publisher: 'Fen İşleri Müdürlüğü' }));
    expect((await action(platform, 'package_search', { q: 'lambalari' })).result.results[0].name).toBe('aydinlatma');
    expect((await action(platform, 'package_search', { q: 'ışıkları' })).result.count).toBe(0);
  });

  it('counts a page view of a published dataset (204) and refuses others (404 problem)', async () => {
    const views = async () => Number((await platform.db.knex('portal.usage').where({ dataset_id: 'facilities' }).sum({ n: 'views' }).first())?.n ?? 0);
    const before = await views();
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${platform.url}/api/datasets/facilities/views`, { method: 'POST' });
      expect(response.status).toBe(204);
    }
    expect(await views()).toBe(before + 2);
    for (const id of ['taslak_veri', 'citizen_request_applicants', 'no_such_dataset']) {
      const response = await fetch(`${platform.url}/api/datasets/${id}/views`, { method: 'POST' });
      expect(response.status, id).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const rows = await platform.db.knex('portal.usage').whereIn('dataset_id', ['taslak_veri', 'citizen_request_applicants']);
    expect(rows).toEqual([]);
  });

  it('package_show gives the temporal coverage of the rows the caller may see, and datastore fields carry English labels', async () => {
    const { result } = await action(platform, 'package_show', { id: 'panoramas' });
    const extra = (key: string) => (result.extras as { key: string; value: string }[]).find((e) => e.key === key)?.value;
    const [span] = (await platform.db.knex.raw('SELECT min(captured_at) AS lo, max(captured_at) AS hi FROM panoramas WHERE cleared_for_publication')).rows;
    expect(new Date(extra('temporal_start')!).getTime()).toBe(span.lo.getTime());
    expect(new Date(extra('temporal_end')!).getTime()).toBe(span.hi.getTime());
    expect(extra('temporal_start') === undefined).toBe(false);
    const facilities = await action(platform, 'package_show', { id: 'facilities' });
    expect((facilities.result.extras as { key: string }[]).map((e) => e.key)).not.toContain('temporal_start');
    const store = await action(platform, 'datastore_search', { resource_id: 'panoramas.csv', limit: '1' });
    expect(store.result.fields.find((f: { id: string }) => f.id === 'heading').info).toMatchObject({ label: 'Yön', label_en: 'Heading', notes_en: 'Clockwise from true north', unit: '°' });
  });
});
