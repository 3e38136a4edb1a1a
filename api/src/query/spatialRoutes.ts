import { Readable } from 'node:stream';
import Router from '@koa/router';
import type { Context } from 'koa';
import { getDataset, invalidParameter, notFound, visibleColumns, type Database } from '@kbs/core';
import { canSeeDataset, clearanceOf } from '../access/clearance';
import { GEOJSON } from '../http/geojson';
import { CRS84, crsByUri } from '../ogc/crs';
import { countItems, streamItems } from '../ogc/featuresSource';
import { MAX_LIMIT, type ItemsParams } from '../ogc/params';
import { monthlyRequests, neighbourhoodProfile, requestStatistics } from './analyticsQueries';
import { integer, isoDate, number, oneOf, onlyKnown, polygonGeometry, position } from './params';
import { coverage, nearestFacilities, placesForPoints, statisticsForArea } from './spatialQueries';

const MAX_BATCH = 1000;
const MAX_DISTANCE = 5000;

function body(ctx: Context): Record<string, unknown> {
  const b = (ctx.request as unknown as { body?: unknown }).body;
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw invalidParameter('body', 'the request body must be a JSON object');
  return b as Record<string, unknown>;
}

/** Spatial questions of departments and the mobile app: thin handlers over spatialQueries / analyticsQueries. */
export function spatialRoutes(db: Database): Router {
  const router = new Router({ prefix: '/api' });
  const { knex } = db;

  async function facilityCategory(raw: unknown, required: boolean): Promise<string | null> {
    if (raw === undefined && !required) return null;
    const categories: string[] = await knex('public.facilities').distinct('category').pluck('category');
    return oneOf(raw, 'category', categories.sort());
  }

  router.get('/lookup', async (ctx) => {
    onlyKnown(ctx.query, ['lon', 'lat']);
    const [answer] = await placesForPoints(knex, [position(ctx.query.lon, ctx.query.lat)]);
    if (!answer!.neighbourhood) throw notFound('The point is not inside any mahalle of Bağcılar', 'lon');
    ctx.body = answer;
  });

  router.post('/lookup', async (ctx) => {
    const points = body(ctx).points;
    if (!Array.isArray(points) || points.length === 0) throw invalidParameter('points', 'points must be a non-empty array of [lon, lat]');
    if (points.length > MAX_BATCH) throw invalidParameter('points', `at most ${MAX_BATCH} points per request`);
    const parsed = points.map((p, i) => {
      if (!Array.isArray(p) || p.length !== 2) throw invalidParameter('points', `points[${i}] must be [lon, lat]`);
      return position(p[0], p[1]);
    });
    ctx.body = { results: await placesForPoints(knex, parsed) };
  });

  router.get('/facilities/nearest', async (ctx) => {
    onlyKnown(ctx.query, ['lon', 'lat', 'category', 'k']);
    const point = position(ctx.query.lon, ctx.query.lat);
    const k = integer(ctx.query.k, 'k', 1, 50, 5);
    const category = await facilityCategory(ctx.query.category, false);
    ctx.body = { lon: point[0], lat: point[1], category, facilities: await nearestFacilities(knex, point, category, k) };
  });

  async function sendWithin(ctx: Context, collection: unknown, near: { geometry: string; distance: number }, limitRaw: unknown) {
    if (typeof collection !== 'string') throw invalidParameter('collection', 'collection is required');
    const dataset = await getDataset(knex, collection);
    const clearance = clearanceOf(ctx);
    if (!dataset || !canSeeDataset(dataset, clearance)) throw notFound(`There is no collection "${collection}"`, 'collection');
    if (!dataset.geometryType) throw invalidParameter('collection', `collection "${collection}" has no geometry`);
    const params: ItemsParams = {
      limit: integer(limitRaw, 'limit', 1, MAX_LIMIT, 1000),
      offset: 0,
      bbox: null,
      datetime: null,
      crs: crsByUri(CRS84, 'crs'),
      properties: visibleColumns(dataset, clearance),
      sortby: [],
      equals: [],
      near,
    };
    const matched = await countItems(knex, dataset, params);
    async function* features() {
      yield '{"type":"FeatureCollection","features":[';
      let n = 0;
      for await (const { feature } of streamItems(knex, dataset!, params)) yield (n++ ? ',' : '') + feature;
      yield `],"numberMatched":${matched},"numberReturned":${n}}`;
    }
    ctx.type = GEOJSON;
    ctx.body = Readable.from(features());
  }

  router.get('/within', async (ctx) => {
    onlyKnown(ctx.query, ['collection', 'lon', 'lat', 'distance', 'limit']);
    const point = position(ctx.query.lon, ctx.query.lat);
    const distance = number(ctx.query.distance, 'distance', 0, MAX_DISTANCE);
    await sendWithin(ctx, ctx.query.collection, { geometry: JSON.stringify({ type: 'Point', coordinates: point }), distance }, ctx.query.limit);
  });

  router.post('/within', async (ctx) => {
    const b = body(ctx);
    const geometry = polygonGeometry(b.geometry, 'geometry');
    const distance = b.distance === undefined ? 0 : number(b.distance, 'distance', 0, MAX_DISTANCE);
    await sendWithin(ctx, b.collection, { geometry, distance }, b.limit);
  });

  router.post('/area-statistics', async (ctx) => {
    ctx.body = await statisticsForArea(knex, polygonGeometry(body(ctx).geometry, 'geometry'));
  });

  router.get('/coverage', async (ctx) => {
    onlyKnown(ctx.query, ['category', 'distance']);
    const category = (await facilityCategory(ctx.query.category, true))!;
    ctx.body = await coverage(knex, category, number(ctx.query.distance, 'distance', 10, MAX_DISTANCE));
  });

  router.get('/requests/statistics', async (ctx) => {
    onlyKnown(ctx.query, ['group', 'from', 'to']);
    const group = oneOf(ctx.query.group, 'group', ['neighbourhood', 'category'] as const, 'neighbourhood');
    const window = { from: isoDate(ctx.query.from, 'from'), to: isoDate(ctx.query.to, 'to') };
    if (window.from && window.to && window.from > window.to) throw invalidParameter('to', 'to is before from');
    ctx.body = { group, ...window, suppressed_below: 5, cells: await requestStatistics(knex, group, window) };
  });

  router.get('/requests/monthly', async (ctx) => {
    onlyKnown(ctx.query, ['from', 'to', 'uavt_code']);
    const window = { from: isoDate(ctx.query.from, 'from'), to: isoDate(ctx.query.to, 'to') };
    const code = ctx.query.uavt_code;
    if (code !== undefined && (typeof code !== 'string' || !/^\d{1,12}$/.test(code))) throw invalidParameter('uavt_code', 'uavt_code must be a UAVT code');
    ctx.body = { ...window, uavt_code: code ?? null, months: await monthlyRequests(knex, window, (code as string | undefined) ?? null) };
  });

  router.get('/neighbourhoods/compare', async (ctx) => {
    onlyKnown(ctx.query, ['codes']);
    const codes = String(ctx.query.codes ?? '').split(',').map((c) => c.trim()).filter(Boolean);
    if (codes.length < 2 || codes.length > 22 || codes.some((c) => !/^\d{1,12}$/.test(c))) {
      throw invalidParameter('codes', 'codes must list 2 to 22 UAVT codes separated by commas');
    }
    const profiles = [];
    for (const code of codes) {
      const profile = await neighbourhoodProfile(knex, code);
      if (!profile) throw notFound(`There is no mahalle with UAVT code ${code}`, 'codes');
      profiles.push(profile);
    }
    ctx.body = { neighbourhoods: profiles };
  });

  router.get('/neighbourhoods/:code/profile', async (ctx) => {
    onlyKnown(ctx.query, []);
    const code = ctx.params.code!;
    if (!/^\d{1,12}$/.test(code)) throw invalidParameter('code', 'code must be a UAVT code');
    const profile = await neighbourhoodProfile(knex, code);
    if (!profile) throw notFound(`There is no mahalle with UAVT code ${code}`, 'code');
    ctx.body = profile;
  });

  return router;
}
