/*
 * The privacy walk (KVKK): as the public, call every documented GET operation for every dataset and every
 * enumerated value (formats included), page through every OGC collection, fetch the tiles over the
 * district, unpack archives — and fail on any value of a personal column, any personal column's name,
 * any street-imagery capture not yet cleared for publication, or any published count below the small-count threshold.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { unzipSync } from 'fflate';
import { PbfReader as Pbf } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDatasets } from '@kbs/core';
import { ENGINES } from '../../test/support/engines';
import { exampleUrl, type DocumentedParameter, type OpenApiDocument } from '../../test/support/apiExamples';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { DOWNLOAD_FORMATS } from '../src/portal/formats';
import { SMALL_COUNT_THRESHOLD } from '../src/query/privacy';

/** Parameters that name a dataset: the walk tries every dataset there. */
const DATASET_PARAMETERS = ['collection', 'collectionId', 'dataset', 'id'];
const DISTRICT_BBOX = { west: 28.8, south: 41.015, east: 28.885, north: 41.075 };

interface Fetched {
  url: string;
  status: number;
  text: string;
}

/** Everything a response says, as text: archives (zip, xlsx) unpacked, vector tiles decoded. */
function textOf(bytes: Uint8Array, type: string): string {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip) {
    const entries = unzipSync(bytes);
    return Object.entries(entries)
      .map(([name, content]) => `${name}\n${Buffer.from(content).toString('utf8')}`)
      .join('\n');
  }
  if (type.includes('vnd.mapbox-vector-tile')) {
    const tile = new VectorTile(new Pbf(bytes));
    const parts: string[] = [];
    for (const [name, layer] of Object.entries(tile.layers)) {
      parts.push(name);
      for (let i = 0; i < layer.length; i++) parts.push(JSON.stringify(layer.feature(i).properties));
    }
    return parts.join('\n');
  }
  return Buffer.from(bytes).toString('utf8');
}

function tilesOver(z: number): { x: number; y: number }[] {
  const x = (lon: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
  const y = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  };
  const tiles: { x: number; y: number }[] = [];
  for (let tx = x(DISTRICT_BBOX.west); tx <= x(DISTRICT_BBOX.east); tx++) {
    for (let ty = y(DISTRICT_BBOX.north); ty <= y(DISTRICT_BBOX.south); ty++) tiles.push({ x: tx, y: ty });
  }
  return tiles;
}

describe.each(ENGINES)('the privacy walk on the %s engine', (engine) => {
  let platform: TestPlatform;
  const fetched: Fetched[] = [];
  let datasetIds: string[] = [];
  let personal: { phones: Set<string>; nationalIds: Set<string>; descriptions: string[]; columnNames: string[]; uncleared: string[] };

  async function get(url: string): Promise<Fetched> {
    const response = await fetch(url, { headers: { 'Accept-Encoding': 'identity' } });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const item = { url, status: response.status, text: textOf(bytes, response.headers.get('content-type') ?? '') };
    fetched.push(item);
    return item;
  }

  beforeAll(async () => {
    platform = await startPlatform({ engine });
    const { knex } = platform.db;
    datasetIds = (await listDatasets(knex)).map((d) => d.id);
    const applicants = await knex('public.citizen_request_applicants').select('applicant_phone', 'applicant_national_id', 'description');
    expect(applicants.length).toBeGreaterThan(1000);
    const columns = await knex('catalog.columns').where({ privacy: 'personal' }).distinct('name');
    const publicNames = new Set((await knex('catalog.columns').whereNot({ privacy: 'personal' }).distinct('name')).map((c: { name: string }) => c.name));
    personal = {
      phones: new Set(applicants.map((a: { applicant_phone: string }) => a.applicant_phone)),
      nationalIds: new Set(applicants.map((a: { applicant_national_id: string }) => a.applicant_national_id)),
      descriptions: [...new Set(applicants.map((a: { description: string }) => a.description))],
      // Only distinctive names: a public column of the same name, or a plain word such as "description"
      // (a key of every catalog document), says nothing about a leak.
      columnNames: columns.map((c: { name: string }) => c.name).filter((n: string) => !publicNames.has(n) && n.includes('_')),
      // Street imagery not yet blurred: its captures and sequences are for signed-in roles only.
      uncleared: [
        ...(await knex('public.capture_sequences').where({ cleared_for_publication: false }).pluck('id')),
        ...(await knex('public.panoramas').where({ cleared_for_publication: false }).pluck('id')),
      ],
    };
    expect(personal.uncleared.length).toBeGreaterThan(10);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('calls every documented GET operation for every dataset and every enumerated value', async () => {
    const doc = (await (await fetch(`${platform.url}/openapi.json`)).json()) as OpenApiDocument;
    let calls = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const op = item.get;
      if (!op || path === '/openapi.json' || path.startsWith('/docs')) continue;
      const parameters = (op.parameters ?? []).filter((p): p is DocumentedParameter => !('$ref' in p));
      const datasetParameter = parameters.find((p) => DATASET_PARAMETERS.includes(p.name) && p.in === 'path') ?? parameters.find((p) => DATASET_PARAMETERS.includes(p.name));
      const enumParameters = parameters.filter((p) => p.schema.enum && p.name !== datasetParameter?.name);
      const datasetValues = datasetParameter ? datasetIds : [undefined];
      for (const dataset of datasetValues) {
        const variants: Record<string, string>[] = [{}];
        for (const p of enumParameters) {
          const values = p.schema.enum!;
          variants.splice(0, variants.length, ...variants.flatMap((v) => values.map((value) => ({ ...v, [p.name]: value }))));
        }
        for (const variant of variants) {
          // Enumerated path parameters are filled here; exampleUrl fills the rest.
          let template = path;
          for (const [name, value] of Object.entries(variant)) {
            if (parameters.find((q) => q.name === name)!.in === 'path') template = template.replace(`{${name}}`, encodeURIComponent(value));
          }
          const u = new URL(exampleUrl(platform.url, template, parameters, dataset && datasetParameter ? { name: datasetParameter.name, value: dataset } : undefined));
          for (const [name, value] of Object.entries(variant)) {
            if (parameters.find((q) => q.name === name)!.in === 'query') u.searchParams.set(name, value);
          }
          const url = u.toString();
          const response = await get(url);
          calls += 1;
          expect(response.status, url).toBeLessThan(500);
        }
      }
    }
    expect(calls).toBeGreaterThan(50);
    // The walk reached every download format of some public dataset (the format is an enumerated parameter).
    for (const format of DOWNLOAD_FORMATS.map((f) => f.format)) {
      expect(fetched.filter((f) => f.url.includes(`/downloads/${format}`) && f.status === 200).length, format).toBeGreaterThanOrEqual(1);
    }
  }, 600_000);

  it('pages through every OGC collection the public can list', async () => {
    const collections = JSON.parse((await get(`${platform.url}/ogc/collections?f=json`)).text) as { collections: { id: string }[] };
    const ids = collections.collections.map((c) => c.id);
    expect(ids).not.toContain('citizen_request_applicants');
    expect(ids).not.toContain('citizen_requests');
    for (const id of ids) {
      let next: string | undefined = `${platform.url}/ogc/collections/${id}/items?f=json&limit=10000`;
      let features = 0;
      while (next) {
        const page = await get(next);
        expect(page.status, next).toBe(200);
        const body = JSON.parse(page.text) as { features: unknown[]; links: { rel: string; href: string }[] };
        features += body.features.length;
        next = body.links.find((l) => l.rel === 'next')?.href;
      }
      expect(features, id).toBeGreaterThanOrEqual(0);
    }
  }, 600_000);

  it('fetches every public tile layer over the district', async () => {
    const tileLayers = datasetIds;
    for (const id of tileLayers) {
      const tileJson = await get(`${platform.url}/tiles/${id}.json`);
      if (tileJson.status !== 200) continue;
      for (const { x, y } of tilesOver(13)) await get(`${platform.url}/tiles/${id}/13/${x}/${y}.mvt`);
    }
    for (const { x, y } of tilesOver(13)) await get(`${platform.url}/tiles/base/13/${x}/${y}.mvt`);
  }, 600_000);

  it('reads everything the CKAN Action API and the DCAT catalog give the public', async () => {
    const action = async (name: string, params: Record<string, string> = {}) => {
      const response = await get(`${platform.url}/api/3/action/${name}?${new URLSearchParams(params)}`);
      expect(response.status, name).toBe(200);
      return (JSON.parse(response.text) as { result: unknown }).result;
    };
    for (const name of ['status_show', 'site_read', 'organization_list', 'group_list', 'tag_list']) await action(name);
    await action('organization_list', { all_fields: 'true' });
    await action('package_search', { q: '', rows: '1000', 'facet.field': JSON.stringify(['groups', 'organization', 'tags', 'res_format', 'license_id', 'frequency', 'spatial']) });
    const packages = (await action('package_list')) as string[];
    expect(packages).toContain('facilities');
    expect(packages).not.toContain('citizen_request_applicants');
    let records = 0;
    for (const id of packages) {
      const dict = (await action('package_show', { id })) as { resources: { id: string; datastore_active?: boolean }[] };
      for (const resource of dict.resources) {
        await action('resource_show', { id: resource.id });
        if (!resource.datastore_active) continue;
        let offset = 0;
        for (;;) {
          const page = (await action('datastore_search', { resource_id: resource.id, limit: '32000', offset: String(offset) })) as { records: unknown[]; total: number };
          records += page.records.length;
          offset += page.records.length;
          if (page.records.length === 0 || offset >= page.total) break;
        }
        break; // every datastore resource of a package reads the same rows
      }
    }
    expect(records).toBeGreaterThan(1000);
    for (const path of ['/catalog.ttl', '/catalog.jsonld']) expect((await get(`${platform.url}${path}`)).status, path).toBe(200);
  }, 600_000);

  it('published request counts have no cell below the threshold, and the statistics on request are for staff', async () => {
    const counts = fetched.filter(({ url, status }) => /\/ogc\/collections\/citizen_request_counts\/items/.test(url) && status === 200);
    expect(counts.length).toBeGreaterThanOrEqual(1);
    const small: string[] = [];
    let cells = 0;
    for (const { url, text } of counts) {
      for (const feature of (JSON.parse(text) as { features: { properties: Record<string, unknown> }[] }).features) {
        const value = feature.properties.request_count;
        cells += 1;
        if (typeof value === 'number' && value < SMALL_COUNT_THRESHOLD) small.push(`${url}: ${JSON.stringify(feature.properties)}`);
      }
    }
    expect(cells).toBeGreaterThan(1000);
    expect(small).toEqual([]);
    for (const path of ['/api/requests/statistics?group=neighbourhood', '/api/requests/monthly']) {
      expect((await fetch(`${platform.url}${path}`)).status, path).toBe(401);
    }
  });

  /** Every personal value, personal column name, free text or uncleared capture found in the fetched bodies. */
  function leaksIn(items: Fetched[]): string[] {
    const leaks: string[] = [];
    const phone = /(?<![\d.])0\d{3} \d{3} \d{2} \d{2}(?![\d.])/g;
    const eleven = /(?<![\d.])[1-9]\d{10}(?![\d.])/g;
    // One pass per body for all the free texts and capture ids (thousands of bodies, megabytes each).
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const freeText = new RegExp(personal.descriptions.map(escape).join('|'));
    const capture = new RegExp(`(?<![\\w-])(${personal.uncleared.map(escape).join('|')})(?![\\w-])`);
    for (const { url, text } of items) {
      for (const m of text.match(phone) ?? []) if (personal.phones.has(m)) leaks.push(`${url}: phone ${m}`);
      for (const m of text.match(eleven) ?? []) if (personal.nationalIds.has(m)) leaks.push(`${url}: national id ${m}`);
      for (const name of personal.columnNames) if (text.includes(name)) leaks.push(`${url}: column ${name}`);
      const said = freeText.exec(text);
      if (said) leaks.push(`${url}: free text "${said[0].slice(0, 40)}…"`);
      const seen = capture.exec(text);
      if (seen) leaks.push(`${url}: uncleared capture ${seen[1]}`);
      if (leaks.length > 20) break;
    }
    return leaks;
  }

  it('found no personal value, no personal column name and no small count anywhere', () => {
    expect(fetched.length).toBeGreaterThan(100);
    expect(leaksIn(fetched)).toEqual([]);
  }, 300_000);

  it('would have noticed: a planted phone, national id, free text and column name are each found', () => {
    const [phone] = personal.phones;
    const [id] = personal.nationalIds;
    const planted = [
      { url: 'phone', status: 200, text: `{"tel":"${phone}"}` },
      { url: 'id', status: 200, text: `x,${id},y` },
      { url: 'text', status: 200, text: `<p>${personal.descriptions[0]}</p>` },
      { url: 'column', status: 200, text: `{"${personal.columnNames[0]}":1}` },
      { url: 'capture', status: 200, text: `{"id":"${personal.uncleared.at(-1)}"}` },
    ];
    expect(leaksIn(planted).map((l) => l.split(':')[0])).toEqual(['phone', 'id', 'text', 'column', 'capture']);
  });

});
