import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

/** Tiles over the centre of Bağcılar at three zoom levels. */
const TILES = ['12/2376/1535', '14/9504/6140', '15/19009/12281'];

interface DecodedFeature {
  type: number;
  properties: Record<string, unknown>;
  rings: number;
}

async function decode(url: string): Promise<Record<string, DecodedFeature[]>> {
  const response = await fetch(url);
  if (response.status === 204) return {};
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
  const tile = new VectorTile(new Pbf(new Uint8Array(await response.arrayBuffer())));
  const layers: Record<string, DecodedFeature[]> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    layers[name] = Array.from({ length: layer.length }, (_, i) => {
      const f = layer.feature(i);
      return { type: f.type, properties: f.properties, rings: f.loadGeometry().length };
    }).sort((a, b) => String(a.properties.id ?? a.properties.uavt_code ?? a.properties.code).localeCompare(String(b.properties.id ?? b.properties.uavt_code ?? b.properties.code)));
  }
  return layers;
}

describe('vector tiles', () => {
  const platforms = new Map<string, TestPlatform>();
  beforeAll(async () => {
    for (const engine of ENGINES) platforms.set(engine, await startPlatform({ engine }));
  });
  afterAll(async () => {
    for (const p of platforms.values()) await p.close();
  });

  describe.each(ENGINES)('on the %s engine', (engine) => {
    it('holds the facilities of the buffered tile, with their public attributes', async () => {
      const platform = platforms.get(engine)!;
      const layers = await decode(`${platform.url}/tiles/facilities/14/9504/6140.mvt`);
      const { rows } = await platform.db.knex.raw(`
SELECT id FROM facilities, (SELECT ST_TileEnvelope(14, 9504, 6140) AS env) b
WHERE ST_Intersects(ST_Transform(geom, 3857), ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * 64 / 4096)) ORDER BY id`);
      expect(rows.length).toBeGreaterThan(3);
      expect(layers.facilities!.map((f) => f.properties.id)).toEqual(rows.map((r: { id: string }) => r.id));
      const first = layers.facilities![0]!;
      expect(first.type).toBe(1);
      expect(Object.keys(first.properties).sort()).toEqual(expect.arrayContaining(['category', 'id', 'name', 'uavt_code']));
    });

    it('serves the base layers in one tile, 204 for an empty tile, ETags and problems', async () => {
      const platform = platforms.get(engine)!;
      const layers = await decode(`${platform.url}/tiles/base/14/9504/6140.mvt`);
      expect(Object.keys(layers).sort()).toEqual(expect.arrayContaining(['district', 'facilities', 'neighbourhoods']));
      expect(layers.neighbourhoods!.every((f) => f.type === 3)).toBe(true);
      expect((await fetch(`${platform.url}/tiles/base/14/0/0.mvt`)).status).toBe(204);
      const first = await fetch(`${platform.url}/tiles/neighbourhoods/13/4752/3070.mvt`);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^".+"$/);
      expect((await fetch(`${platform.url}/tiles/neighbourhoods/13/4752/3070.mvt`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
      for (const [path, parameter] of [['facilities/23/0/0.mvt', 'z'], ['facilities/3/8/0.mvt', 'x'], ['facilities/3/0/9.mvt', 'y'], ['facilities/3/0/x.mvt', 'y']]) {
        const r = await fetch(`${platform.url}/tiles/${path}`);
        expect(r.status).toBe(400);
        expect(((await r.json()) as { parameter: string }).parameter).toBe(parameter);
      }
      for (const id of ['citizen_requests', 'citizen_request_applicants', 'indicators', 'nothing']) {
        expect((await fetch(`${platform.url}/tiles/${id}/14/9504/6140.mvt`)).status).toBe(404);
      }
    });

    it('describes layers in TileJSON 3.0', async () => {
      const platform = platforms.get(engine)!;
      const doc = (await (await fetch(`${platform.url}/tiles/base.json`)).json()) as any;
      expect(doc.tilejson).toBe('3.0.0');
      expect(doc.tiles).toEqual([`${platform.url}/tiles/base/{z}/{x}/{y}.mvt`]);
      expect(doc.vector_layers.map((l: { id: string }) => l.id)).toEqual(['district', 'neighbourhoods', 'facilities', 'capture_sequences']);
      expect(doc.bounds[0]).toBeCloseTo(28.808, 2);
    });
  });

  it.runIf(ENGINES.length === 2)('gives the same features and attributes from ST_AsMVT and from the portable encoder', async () => {
    const [embedded, server] = [platforms.get('embedded')!, platforms.get('server')!];
    let compared = 0;
    for (const tile of TILES) {
      for (const layer of ['facilities', 'neighbourhoods', 'capture_sequences', 'panoramas']) {
        const a = await decode(`${embedded.url}/tiles/${layer}/${tile}.mvt`);
        const b = await decode(`${server.url}/tiles/${layer}/${tile}.mvt`);
        const strip = (fs: DecodedFeature[] | undefined) => (fs ?? []).map((f) => ({ type: f.type, properties: f.properties }));
        expect(strip(a[layer]), `${layer} ${tile}`).toEqual(strip(b[layer]));
        compared += (b[layer] ?? []).length;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
