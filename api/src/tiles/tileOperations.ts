import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Context } from 'koa';
import { getDataset, invalidParameter, listDatasets, notFound, visibleColumns, type Config, type Database, type Dataset, type PrivacyClass } from '@kbs/core';
import { canSeeDataset, clearanceOf, requireVisibleDataset } from '../access/clearance';
import { publicBaseUrl } from '../http/baseUrl';
import { operation, type AnyOperation, type ParameterSpec } from '../http/operation';
import { collectionExtent } from '../ogc/featuresSource';
import { TileCache } from './tileCache';
import { chooseEncoder, type LayerEncoder } from './tileSource';
import type { TileAddress } from './tileQuery';

/** The web map's base layers, drawn from one multi-layer tile. */
export const BASE_LAYERS = ['district', 'neighbourhoods', 'facilities', 'capture_sequences'];
const MAX_ZOOM = 22;
const MVT = 'application/vnd.mapbox-vector-tile';
const TAG = 'Vektör karolar / Vector tiles';
const gzip = promisify(gzipCallback);

const ZOOM: ParameterSpec = { in: 'path', description: 'Zoom level', schema: { type: 'integer', minimum: 0, maximum: MAX_ZOOM } };
const COLUMN: ParameterSpec = { in: 'path', description: 'Tile column (x), 0 … 2^z − 1', schema: { type: 'integer', minimum: 0 } };
const ROW: ParameterSpec = { in: 'path', description: 'Tile row (y), 0 … 2^z − 1, XYZ scheme', schema: { type: 'integer', minimum: 0 } };
const LAYER_ID: ParameterSpec = { in: 'path', description: 'Dataset id, as in /ogc/collections', schema: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' } };

/** The schema bounds z; x and y depend on z. */
function tileAddress({ z, x, y }: TileAddress): TileAddress {
  const size = 2 ** z;
  if (x >= size) throw invalidParameter('x', `x must be a column from 0 to ${size - 1} at zoom ${z}`);
  if (y >= size) throw invalidParameter('y', `y must be a row from 0 to ${size - 1} at zoom ${z}`);
  return { z, x, y };
}

export function tileOperations(db: Database, config: Config): AnyOperation[] {
  const cache = new TileCache(128 * 1024 * 1024);
  let encoder: Promise<{ name: string; encode: LayerEncoder }> | null = null;
  const encode = () => (encoder ??= chooseEncoder(db));

  async function spatialDataset(id: string, clearance: PrivacyClass): Promise<Dataset> {
    const dataset = requireVisibleDataset(await getDataset(db.knex, id), clearance, { detail: `There is no tile layer "${id}"`, parameter: 'collection' });
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
        const bytes = await encodeLayer(db.knex, dataset, clearance, dataset.id, tile);
        if (bytes) parts.push(bytes);
      }
      // MVT layers are a repeated field: the concatenation of single-layer tiles is a valid tile.
      const raw = Buffer.concat(parts);
      // Off the event loop: a large tile took 30 ms of gzip, during which the server answered no one.
      const body = raw.length ? await gzip(raw) : null;
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

  function baseLayers(all: Dataset[], clearance: PrivacyClass): Dataset[] {
    return BASE_LAYERS.map((id) => all.find((d) => d.id === id)).filter((d): d is Dataset => Boolean(d && canSeeDataset(d, clearance)));
  }

  const tileResponses = {
    200: { description: 'Mapbox Vector Tile, gzip', type: MVT },
    204: { description: 'Empty tile' },
    304: { description: 'Not modified (ETag)' },
    400: { description: 'z, x or y out of range' },
  };

  return [
    operation<TileAddress>({
      method: 'get',
      path: '/tiles/base/{z}/{x}/{y}.mvt',
      operationId: 'baseTile',
      tag: TAG,
      summary: 'Temel katmanlar tek karoda / Base layers in one tile',
      description: `Layers: ${BASE_LAYERS.join(', ')}.`,
      parameters: { z: ZOOM, x: COLUMN, y: ROW },
      responses: tileResponses,
      async handle(ctx, { params }) {
        const tile = tileAddress(params);
        const clearance = clearanceOf(ctx);
        await answer(ctx, baseLayers(await listDatasets(db.knex), clearance), clearance, tile);
      },
    }),
    operation<TileAddress & { collection: string }>({
      method: 'get',
      path: '/tiles/{collection}/{z}/{x}/{y}.mvt',
      operationId: 'collectionTile',
      tag: TAG,
      summary: 'Bir veri setinin karosu / One dataset as a vector tile',
      parameters: { collection: LAYER_ID, z: ZOOM, x: COLUMN, y: ROW },
      responses: { ...tileResponses, 404: { description: 'Unknown collection, or one without geometry' } },
      async handle(ctx, { params }) {
        const tile = tileAddress(params);
        const clearance = clearanceOf(ctx);
        await answer(ctx, [await spatialDataset(params.collection, clearance)], clearance, tile);
      },
    }),
    operation<{ collection: string }>({
      method: 'get',
      path: '/tiles/{collection}.json',
      operationId: 'tileJson',
      tag: TAG,
      summary: 'TileJSON 3.0',
      description: 'For one dataset, or `base` for the base layers.',
      parameters: { collection: LAYER_ID },
      responses: { 200: { description: 'TileJSON', type: 'application/json' }, 404: { description: 'Unknown collection' } },
      async handle(ctx, { params }) {
        const id = params.collection;
        const clearance = clearanceOf(ctx);
        const base = publicBaseUrl(ctx, config);
        const datasets = id === 'base' ? baseLayers(await listDatasets(db.knex), clearance) : [await spatialDataset(id, clearance)];
        const extents = await Promise.all(datasets.map((d) => collectionExtent(db.knex, d, clearance)));
        const boxes = extents.map((e) => e.bbox).filter((b): b is [number, number, number, number] => b !== null);
        const bounds = boxes.length
          ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]
          : [-180, -85.0511, 180, 85.0511];
        ctx.set('Cache-Control', 'public, max-age=60');
        ctx.body = {
          tilejson: '3.0.0',
          name: id === 'base' ? 'Bağcılar base layers' : datasets[0]!.titleTr,
          tiles: [`${base}/tiles/${id}/{z}/{x}/{y}.mvt`],
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
      },
    }),
  ];
}
