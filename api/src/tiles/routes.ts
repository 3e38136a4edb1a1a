import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import Router from '@koa/router';
import type { Context } from 'koa';
import { getDataset, invalidParameter, listDatasets, notFound, visibleColumns, type Config, type Database, type Dataset, type PrivacyClass } from '@kbs/core';
import { canSeeDataset, clearanceOf } from '../access/clearance';
import { publicBaseUrl } from '../http/baseUrl';
import { collectionExtent } from '../ogc/featuresSource';
import { TileCache } from './tileCache';
import { chooseEncoder, type LayerEncoder } from './tileSource';
import type { TileAddress } from './tileQuery';

/** The web map's base layers, drawn from one multi-layer tile. */
export const BASE_LAYERS = ['district', 'neighbourhoods', 'facilities', 'capture_sequences'];
const MAX_ZOOM = 22;
const MVT = 'application/vnd.mapbox-vector-tile';

function parseTile(ctx: Context): TileAddress {
  const { z: zs, x: xs, file } = ctx.params as { z: string; x: string; file: string };
  const match = /^(\d{1,8})\.(mvt|pbf)$/.exec(file);
  if (!/^\d{1,2}$/.test(zs) || Number(zs) > MAX_ZOOM) throw invalidParameter('z', `z must be a zoom level from 0 to ${MAX_ZOOM}`);
  const z = Number(zs);
  const size = 2 ** z;
  if (!/^\d{1,8}$/.test(xs) || Number(xs) >= size) throw invalidParameter('x', `x must be a column from 0 to ${size - 1} at zoom ${z}`);
  if (!match || Number(match[1]) >= size) throw invalidParameter('y', `y must be a row from 0 to ${size - 1} at zoom ${z}, followed by .mvt`);
  return { z, x: Number(xs), y: Number(match[1]) };
}

export function tileRoutes(db: Database, config: Config): Router {
  const router = new Router({ prefix: '/tiles' });
  const cache = new TileCache(128 * 1024 * 1024);
  let encoder: Promise<{ name: string; encode: LayerEncoder }> | null = null;
  const encode = () => (encoder ??= chooseEncoder(db));

  async function spatialDataset(id: string, clearance: PrivacyClass): Promise<Dataset> {
    const dataset = await getDataset(db.knex, id);
    if (!dataset || !canSeeDataset(dataset, clearance)) throw notFound(`There is no tile layer "${id}"`, 'collection');
    if (!dataset.geometryType) throw notFound(`Collection "${id}" has no geometry to draw`, 'collection');
    return dataset;
  }

  async function answer(ctx: Context, datasets: Dataset[], clearance: PrivacyClass, tile: TileAddress) {
    const key = `${datasets.map((d) => `${d.id}@${d.currentVersion}`).join('+')}/${clearance}/${tile.z}/${tile.x}/${tile.y}`;
    let cached = cache.get(key);
    if (!cached) {
      const { encode: encodeLayer } = await encode();
      const parts: Uint8Array[] = [];
      for (const dataset of datasets) {
        const bytes = await encodeLayer(db.knex, dataset, visibleColumns(dataset, clearance), dataset.id, tile);
        if (bytes) parts.push(bytes);
      }
      // MVT layers are a repeated field: the concatenation of single-layer tiles is a valid tile.
      const raw = Buffer.concat(parts);
      const body = raw.length ? gzipSync(raw) : null;
      cached = { body, etag: `"${createHash('sha1').update(key).update(raw).digest('base64url')}"` };
      cache.set(key, cached);
    }
    ctx.set('ETag', cached.etag);
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.set('Vary', 'Accept-Encoding');
    if (ctx.get('If-None-Match') === cached.etag) {
      ctx.status = 304;
      return;
    }
    if (!cached.body) {
      ctx.status = 204;
      return;
    }
    ctx.type = MVT;
    ctx.set('Content-Encoding', 'gzip');
    ctx.body = cached.body;
  }

  router.get('/base/:z/:x/:file', async (ctx) => {
    const tile = parseTile(ctx);
    const clearance = clearanceOf(ctx);
    const all = await listDatasets(db.knex);
    const datasets = BASE_LAYERS.map((id) => all.find((d) => d.id === id)).filter((d): d is Dataset => Boolean(d && canSeeDataset(d, clearance)));
    await answer(ctx, datasets, clearance, tile);
  });

  router.get('/:collection/:z/:x/:file', async (ctx) => {
    const tile = parseTile(ctx);
    const clearance = clearanceOf(ctx);
    await answer(ctx, [await spatialDataset(ctx.params.collection!, clearance)], clearance, tile);
  });

  router.get('/:name', async (ctx) => {
    const match = /^([a-z][a-z0-9_-]*)\.json$/.exec(ctx.params.name!);
    if (!match) throw notFound(`No tile resource at ${ctx.path}`);
    const clearance = clearanceOf(ctx);
    const base = publicBaseUrl(ctx, config);
    const all = await listDatasets(db.knex);
    const datasets = match[1] === 'base'
      ? BASE_LAYERS.map((id) => all.find((d) => d.id === id)).filter((d): d is Dataset => Boolean(d && canSeeDataset(d, clearance)))
      : [await spatialDataset(match[1]!, clearance)];
    const extents = await Promise.all(datasets.map((d) => collectionExtent(db.knex, d)));
    const boxes = extents.map((e) => e.bbox).filter((b): b is [number, number, number, number] => b !== null);
    const bounds = boxes.length
      ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]
      : [-180, -85.0511, 180, 85.0511];
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = {
      tilejson: '3.0.0',
      name: match[1] === 'base' ? 'Bağcılar base layers' : datasets[0]!.titleTr,
      tiles: [`${base}/tiles/${match[1]}/{z}/{x}/{y}.mvt`],
      minzoom: 0,
      maxzoom: MAX_ZOOM,
      bounds,
      center: [(bounds[0]! + bounds[2]!) / 2, (bounds[1]! + bounds[3]!) / 2, 13],
      attribution: 'Bağcılar Belediyesi',
      vector_layers: datasets.map((d) => ({
        id: d.id,
        description: d.titleTr,
        fields: Object.fromEntries(visibleColumns(d, clearance).map((c) => [c.name, c.type === 'integer' || c.type === 'bigint' || c.type === 'double' ? 'Number' : c.type === 'boolean' ? 'Boolean' : 'String'])),
      })),
    };
  });

  return router;
}
