/*
 * Street imagery is personal data until blurred: captures and sequences not cleared for publication
 * never reach anonymous callers — not in OGC items, not in tiles, not in spatial queries, not as an
 * image — and a signed-in analyst sees them all. The demo's seq-04 is the uncleared sequence.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogMismatchError, getDataset, validateCatalog, visibleRows } from '@kbs/core';
import { renderPanorama } from '../../../data/src/generate';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';
import { createApiKey } from '../../src/access/apiKeys';

const UNCLEARED = 'seq-04';
/** Where seq-04 (Güneşli Yolu) crosses seq-01 (Mahmutbey Caddesi): both in one tile. */
const CROSSING: [number, number] = [28.8296, 41.0482];

function tileOf([lon, lat]: [number, number], z: number): string {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return `${z}/${x}/${y}`;
}

/** The sequence ids of one layer of a tile ('capture_sequences' carries `id`, 'panoramas' `sequence_id`). */
async function tileSequences(url: string, headers: Record<string, string>, layer: string): Promise<Set<string>> {
  const response = await fetch(url, { headers });
  if (response.status === 204) return new Set();
  expect(response.status).toBe(200);
  const tile = new VectorTile(new Pbf(new Uint8Array(await response.arrayBuffer())));
  const l = tile.layers[layer];
  const ids = new Set<string>();
  for (let i = 0; i < (l?.length ?? 0); i++) {
    const p = l!.feature(i).properties;
    ids.add(String(layer === 'panoramas' ? p.sequence_id : p.id));
  }
  return ids;
}

describe.each(ENGINES)('publication of the digital twin on the %s engine', (engine) => {
  let platform: TestPlatform;
  let panoramaDir: string;
  let analyst: Record<string, string>;
  const anonymous: Record<string, string> = {};
  let uncleared: { id: string; heading: number }[];
  let clearedCount: number;

  beforeAll(async () => {
    panoramaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-panoramas-'));
    platform = await startPlatform({ engine, env: { PANORAMA_DIR: panoramaDir } });
    const knex = platform.db.knex;
    analyst = { Authorization: `Bearer ${(await createApiKey(knex, { name: 'twin analyst', role: 'analyst', expiresInDays: 1, createdBy: 'test' })).key}` };
    uncleared = await knex('public.panoramas').where({ sequence_id: UNCLEARED }).orderBy('id').select('id', 'heading');
    clearedCount = Number((await knex('public.panoramas').where({ cleared_for_publication: true }).count({ n: '*' }))[0]!.n);
    // Two real image files: one cleared capture, one uncleared.
    fs.mkdirSync(path.join(panoramaDir, 'panoramas'));
    for (const c of [uncleared[0]!, { id: 'seq-01-0001', heading: 0 }]) {
      const row = await knex('public.panoramas').where({ id: c.id }).first('id', 'sequence_id', 'heading', 'image');
      fs.writeFileSync(path.join(panoramaDir, row.image), renderPanorama({ id: row.id, sequenceId: row.sequence_id, heading: row.heading }));
    }
  });

  afterAll(async () => {
    await platform?.close();
    if (panoramaDir) fs.rmSync(panoramaDir, { recursive: true, force: true });
  });

  it('the demo has an uncleared sequence to hide, and the catalog names the row filter', async () => {
    expect(uncleared.length).toBeGreaterThan(50);
    const [datasets] = await Promise.all([platform.db.knex('catalog.datasets').whereIn('id', ['panoramas', 'capture_sequences']).select('id', 'public_row_filter')]);
    expect(datasets.map((d: { public_row_filter: string }) => d.public_row_filter)).toEqual(['cleared_for_publication', 'cleared_for_publication']);
  });

  it('refuses a row filter that is not a catalogued boolean column, and filters only the public', async () => {
    const knex = platform.db.knex;
    const panoramas = (await getDataset(knex, 'panoramas'))!;
    await validateCatalog(knex, [panoramas]);
    for (const column of ['heading', 'no_such_column']) {
      const error = await validateCatalog(knex, [{ ...panoramas, publicRowFilter: column }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CatalogMismatchError);
      expect((error as CatalogMismatchError).problems).toEqual([`dataset "panoramas": public row filter "${column}" is not a catalogued boolean column`]);
    }
    const count = async (clearance: 'public' | 'internal') => {
      const rows = visibleRows(panoramas, clearance);
      return Number((await knex.raw(`SELECT count(*) AS n FROM ${rows.sql}`, rows.bindings)).rows[0].n);
    };
    expect(await count('public')).toBe(clearedCount);
    expect(await count('internal')).toBe(clearedCount + uncleared.length);
    // A dataset without a row filter: every row for everyone.
    const facilities = (await getDataset(knex, 'facilities'))!;
    expect(facilities.publicRowFilter).toBeUndefined();
    expect(visibleRows(facilities, 'public')).toEqual(visibleRows(facilities, 'personal'));
  });

  it('OGC items: uncleared captures and sequences are absent for the public, present for an analyst', async () => {
    const items = async (query: string, headers: Record<string, string>) =>
      (await (await fetch(`${platform.url}/ogc/collections/${query}`, { headers })).json()) as { numberMatched: number; features: { id: string }[] };

    expect((await items(`panoramas/items?sequence_id=${UNCLEARED}&limit=1`, anonymous)).numberMatched).toBe(0);
    expect((await items(`panoramas/items?sequence_id=${UNCLEARED}&limit=1`, analyst)).numberMatched).toBe(uncleared.length);
    expect((await items('panoramas/items?limit=1', anonymous)).numberMatched).toBe(clearedCount);
    expect((await items('panoramas/items?limit=1', analyst)).numberMatched).toBe(clearedCount + uncleared.length);
    // A CQL2 filter cannot widen the rows either.
    expect((await items(`panoramas/items?filter=${encodeURIComponent("cleared_for_publication = false")}&limit=1`, anonymous)).numberMatched).toBe(0);

    const one = `${platform.url}/ogc/collections/panoramas/items/${uncleared[0]!.id}`;
    const hidden = await fetch(one);
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('content-type')).toContain('application/problem+json');
    expect(((await (await fetch(one, { headers: analyst })).json()) as { id: string }).id).toBe(uncleared[0]!.id);

    const sequenceIds = async (headers: Record<string, string>) => (await items('capture_sequences/items?limit=100', headers)).features.map((f) => f.id).sort();
    expect(await sequenceIds(anonymous)).toEqual(['seq-01', 'seq-02', 'seq-03', 'seq-05']);
    expect(await sequenceIds(analyst)).toEqual(['seq-01', 'seq-02', 'seq-03', 'seq-04', 'seq-05']);
  });

  it('vector tiles: the public tile lacks the uncleared features the analyst tile holds', async () => {
    for (const z of [14, 16]) {
      const tile = tileOf(CROSSING, z);
      const publicPoints = await tileSequences(`${platform.url}/tiles/panoramas/${tile}.mvt`, anonymous, 'panoramas');
      const staffPoints = await tileSequences(`${platform.url}/tiles/panoramas/${tile}.mvt`, analyst, 'panoramas');
      expect(publicPoints.has('seq-01'), `z${z}`).toBe(true);
      expect(publicPoints.has(UNCLEARED), `z${z}`).toBe(false);
      expect(staffPoints.has(UNCLEARED), `z${z}`).toBe(true);
    }
    const base = tileOf(CROSSING, 14);
    const publicLines = await tileSequences(`${platform.url}/tiles/base/${base}.mvt`, anonymous, 'capture_sequences');
    const staffLines = await tileSequences(`${platform.url}/tiles/base/${base}.mvt`, analyst, 'capture_sequences');
    expect(publicLines.has('seq-01') && publicLines.has('seq-05')).toBe(true);
    expect(publicLines.has(UNCLEARED)).toBe(false);
    // The analyst's tile is the public one plus the uncleared line.
    expect([...staffLines].sort()).toEqual([...publicLines, UNCLEARED].sort());
  });

  it('spatial queries: features near the crossing leave out the uncleared ones for the public', async () => {
    const near = async (headers: Record<string, string>) => {
      const body = (await (await fetch(`${platform.url}/api/within?collection=panoramas&lon=${CROSSING[0]}&lat=${CROSSING[1]}&distance=60&limit=1000`, { headers })).json()) as {
        features: { properties: { sequence_id: string } }[];
      };
      return new Set(body.features.map((f) => f.properties.sequence_id));
    };
    const seen = await near(anonymous);
    expect(seen.has('seq-01')).toBe(true);
    expect(seen.has(UNCLEARED)).toBe(false);
    expect((await near(analyst)).has(UNCLEARED)).toBe(true);
  });

  it('panorama images: the uncleared one is a 404 problem for the public and the file for an analyst', async () => {
    const id = uncleared[0]!.id;
    const expected = renderPanorama({ id, sequenceId: UNCLEARED, heading: uncleared[0]!.heading });
    const hidden = await fetch(`${platform.url}/api/panoramas/${id}/image`);
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('content-type')).toContain('application/problem+json');
    expect(((await hidden.json()) as { parameter: string }).parameter).toBe('capture');

    const staff = await fetch(`${platform.url}/api/panoramas/${id}/image`, { headers: analyst });
    expect(staff.status).toBe(200);
    expect(staff.headers.get('content-type')).toBe('image/png');
    expect(staff.headers.get('cache-control')).toContain('private');
    expect(Buffer.from(await staff.arrayBuffer()).equals(expected)).toBe(true);

    const cleared = await fetch(`${platform.url}/api/panoramas/seq-01-0001/image`);
    expect(cleared.status).toBe(200);
    expect(cleared.headers.get('cache-control')).toContain('public');
    expect((await cleared.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    // A capture whose image file is not there, and a malformed id: problems, never a 500.
    expect((await fetch(`${platform.url}/api/panoramas/seq-01-0002/image`)).status).toBe(404);
    expect((await fetch(`${platform.url}/api/panoramas/..%2F..%2Fetc/image`)).status).toBe(400);
  });
});
