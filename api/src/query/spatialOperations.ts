import { Readable } from 'node:stream';
import type { Context } from 'koa';
import { getDataset, invalidParameter, notFound, visibleColumns, type Database } from '@kbs/core';
import { clearanceOf, requireVisibleDataset } from '../access/clearance';
import { GEOJSON } from '../http/geojson';
import { operation, type AnyOperation, type JsonSchema, type ParameterSpec } from '../http/operation';
import { CRS84, crsByUri } from '../ogc/crs';
import { countItems, streamItems } from '../ogc/featuresSource';
import { MAX_LIMIT, type ItemsParams } from '../ogc/params';
import { monthlyRequests, neighbourhoodProfile, requestStatistics } from './analyticsQueries';
import { checkedPolygon, POLYGON_SCHEMA } from './polygon';
import { SMALL_COUNT_THRESHOLD } from './privacy';
import { coverage, nearestFacilities, placesForPoints, requestFiguresFor, statisticsForArea } from './spatialQueries';

const MAX_BATCH = 1000;
const MAX_DISTANCE = 5000;
const UAVT = '^\\d{1,12}$';
const TAG = 'Mekânsal sorgular / Spatial queries';
const ANALYTICS = 'Analizler / Analytics';

const LON: ParameterSpec = { in: 'query', required: true, description: 'Longitude, WGS84 degrees', schema: { type: 'number', minimum: -180, maximum: 180 } };
const LAT: ParameterSpec = { in: 'query', required: true, description: 'Latitude, WGS84 degrees', schema: { type: 'number', minimum: -90, maximum: 90 } };
export const FROM: ParameterSpec = { in: 'query', description: 'First day of the window (inclusive)', schema: { type: 'string', format: 'date' } };
export const TO: ParameterSpec = { in: 'query', description: 'Last day of the window (inclusive)', schema: { type: 'string', format: 'date' } };
const COLLECTION: JsonSchema = { type: 'string', pattern: '^[a-z][a-z0-9_]*$', description: 'Dataset id, as in /ogc/collections' };
const LIMIT: JsonSchema = { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 1000 };
const DISTANCE: JsonSchema = { type: 'number', minimum: 0, maximum: MAX_DISTANCE };

export interface Window {
  from?: string;
  to?: string;
}

export function checkedWindow({ from, to }: Window): { from: string | null; to: string | null } {
  if (from && to && from > to) throw invalidParameter('to', 'to is before from');
  return { from: from ?? null, to: to ?? null };
}

/** Spatial questions of departments and the mobile app: thin handlers over spatialQueries / analyticsQueries. */
export function spatialOperations(db: Database): AnyOperation[] {
  const { knex } = db;

  async function facilityCategory(raw: string | undefined): Promise<string | null> {
    if (raw === undefined) return null;
    const categories: string[] = await knex('public.facilities').distinct('category').pluck('category');
    if (!categories.includes(raw)) throw invalidParameter('category', `category must be one of ${categories.sort().join(', ')}`);
    return raw;
  }

  async function sendWithin(ctx: Context, collection: string, near: { geometry: string; distance: number }, limit: number) {
    const clearance = clearanceOf(ctx);
    const dataset = requireVisibleDataset(await getDataset(knex, collection), clearance, { detail: `There is no collection "${collection}"`, parameter: 'collection' });
    if (!dataset.geometryType) throw invalidParameter('collection', `collection "${collection}" has no geometry`);
    const params: ItemsParams = {
      limit,
      offset: 0,
      bbox: null,
      datetime: null,
      crs: crsByUri(CRS84, 'crs'),
      properties: visibleColumns(dataset, clearance),
      sortby: [],
      equals: [],
      near,
      clearance,
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

  const badRequest = { 400: { description: 'A parameter is not valid' } };
  const place = { 200: { description: 'District and mahalle of the point', type: 'application/json' } };

  return [
    operation<{ lon: number; lat: number }>({
      method: 'get',
      path: '/api/lookup',
      operationId: 'lookupPoint',
      tag: TAG,
      summary: 'Nokta → ilçe ve mahalle / Point → district and mahalle',
      parameters: { lon: LON, lat: LAT },
      responses: { ...place, ...badRequest, 404: { description: 'The point is outside Bağcılar' } },
      async handle(ctx, { params }) {
        const [answer] = await placesForPoints(knex, [[params.lon, params.lat]]);
        if (!answer!.neighbourhood) throw notFound('The point is not inside any mahalle of Bağcılar', 'lon');
        ctx.body = answer;
      },
    }),
    operation<Record<string, never>, { points: [number, number][] }>({
      method: 'post',
      path: '/api/lookup',
      operationId: 'lookupPoints',
      tag: TAG,
      summary: 'Toplu ters sorgu / Batch reverse lookup',
      description: `Up to ${MAX_BATCH} points per request; results in the order of the points.`,
      body: {
        description: 'Points as [longitude, latitude]',
        schema: {
          type: 'object',
          required: ['points'],
          additionalProperties: false,
          properties: {
            points: {
              type: 'array',
              minItems: 1,
              maxItems: MAX_BATCH,
              items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number', minimum: -180, maximum: 180 } },
            },
          },
        },
      },
      responses: { ...place, ...badRequest },
      async handle(ctx, { body }) {
        // OpenAPI 3.0 has no tuple schemas: the latitude's narrower range is checked here.
        const bad = body.points.findIndex(([, lat]) => Math.abs(lat) > 90);
        if (bad >= 0) throw invalidParameter('points', `points[${bad}] has a latitude outside -90 … 90`);
        ctx.body = { results: await placesForPoints(knex, body.points) };
      },
    }),
    operation<{ lon: number; lat: number; category?: string; k: number }>({
      method: 'get',
      path: '/api/facilities/nearest',
      operationId: 'nearestFacilities',
      tag: TAG,
      summary: 'En yakın tesisler / Nearest facilities',
      description: 'The k nearest facilities (optionally of one category) with distances in metres.',
      parameters: {
        lon: LON,
        lat: LAT,
        category: { in: 'query', description: 'Facility category, as in the facilities collection', schema: { type: 'string', maxLength: 64 } },
        k: { in: 'query', description: 'How many facilities', schema: { type: 'integer', minimum: 1, maximum: 50, default: 5 } },
      },
      responses: { 200: { description: 'Facilities, nearest first', type: 'application/json' }, ...badRequest },
      async handle(ctx, { params }) {
        const category = await facilityCategory(params.category);
        const point: [number, number] = [params.lon, params.lat];
        ctx.body = { lon: point[0], lat: point[1], category, facilities: await nearestFacilities(knex, point, category, params.k) };
      },
    }),
    operation<{ collection: string; lon: number; lat: number; distance: number; limit: number }>({
      method: 'get',
      path: '/api/within',
      operationId: 'featuresNearPoint',
      tag: TAG,
      summary: 'Noktaya uzaklıkla / Features within a distance of a point',
      parameters: {
        collection: { in: 'query', required: true, description: 'Dataset id', schema: COLLECTION },
        lon: LON,
        lat: LAT,
        distance: { in: 'query', required: true, description: 'Metres', schema: DISTANCE },
        limit: { in: 'query', description: 'Most features returned', schema: LIMIT },
      },
      responses: { 200: { description: 'Features', type: GEOJSON }, ...badRequest, 404: { description: 'Unknown collection' } },
      async handle(ctx, { params }) {
        const geometry = JSON.stringify({ type: 'Point', coordinates: [params.lon, params.lat] });
        await sendWithin(ctx, params.collection, { geometry, distance: params.distance }, params.limit);
      },
    }),
    operation<Record<string, never>, { collection: string; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] }; distance: number; limit: number }>({
      method: 'post',
      path: '/api/within',
      operationId: 'featuresInPolygon',
      tag: TAG,
      summary: 'Alan içindekiler / Features inside a polygon',
      body: {
        description: 'A polygon and an optional buffer in metres',
        schema: {
          type: 'object',
          required: ['collection', 'geometry'],
          additionalProperties: false,
          properties: { collection: COLLECTION, geometry: POLYGON_SCHEMA, distance: { ...DISTANCE, default: 0 }, limit: LIMIT },
        },
      },
      responses: { 200: { description: 'Features', type: GEOJSON }, ...badRequest, 404: { description: 'Unknown collection' } },
      async handle(ctx, { body }) {
        await sendWithin(ctx, body.collection, { geometry: checkedPolygon(body.geometry, 'geometry'), distance: body.distance }, body.limit);
      },
    }),
    operation<Record<string, never>, { geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } }>({
      method: 'post',
      path: '/api/area-statistics',
      operationId: 'areaStatistics',
      tag: ANALYTICS,
      summary: 'Çizilen alanın istatistikleri / Statistics for a drawn area',
      description: 'Estimated residents (areal interpolation), facilities by category and, for signed-in staff, citizen requests inside the polygon (null for the public).',
      body: { description: 'The drawn area', schema: { type: 'object', required: ['geometry'], additionalProperties: false, properties: { geometry: POLYGON_SCHEMA } } },
      responses: { 200: { description: 'Statistics', type: 'application/json' }, ...badRequest },
      async handle(ctx, { body }) {
        ctx.body = await statisticsForArea(knex, checkedPolygon(body.geometry, 'geometry'), { requests: requestFiguresFor(clearanceOf(ctx)) });
      },
    }),
    operation<{ category: string; distance: number }>({
      method: 'get',
      path: '/api/coverage',
      operationId: 'coverage',
      tag: ANALYTICS,
      summary: 'Hizmet kapsaması / Residents within reach of a facility category',
      parameters: {
        category: { in: 'query', required: true, description: 'Facility category', schema: { type: 'string', maxLength: 64 } },
        distance: { in: 'query', required: true, description: 'Metres', schema: { type: 'number', minimum: 10, maximum: MAX_DISTANCE } },
      },
      responses: { 200: { description: 'Coverage by mahalle and in total, with the method used', type: 'application/json' }, ...badRequest },
      async handle(ctx, { params }) {
        ctx.body = await coverage(knex, (await facilityCategory(params.category))!, params.distance);
      },
    }),
    operation<Window & { group: 'neighbourhood' | 'category' }>({
      method: 'get',
      permission: 'read-internal',
      path: '/api/requests/statistics',
      operationId: 'requestStatistics',
      tag: ANALYTICS,
      summary: 'Vatandaş talepleri / Citizen-request statistics',
      description: `Counts, per 1,000 residents, median and 90th-percentile resolution time; cells under ${SMALL_COUNT_THRESHOLD} are suppressed.`,
      parameters: {
        group: { in: 'query', description: 'Grouping', schema: { type: 'string', enum: ['neighbourhood', 'category'], default: 'neighbourhood' } },
        from: FROM,
        to: TO,
      },
      responses: { 200: { description: 'Cells', type: 'application/json' }, ...badRequest },
      async handle(ctx, { params }) {
        const window = checkedWindow(params);
        ctx.body = { group: params.group, ...window, suppressed_below: SMALL_COUNT_THRESHOLD, cells: await requestStatistics(knex, params.group, window) };
      },
    }),
    operation<Window & { uavt_code?: string }>({
      method: 'get',
      permission: 'read-internal',
      path: '/api/requests/monthly',
      operationId: 'requestsMonthly',
      tag: ANALYTICS,
      summary: 'Aylık talep serisi / Monthly request series',
      parameters: { from: FROM, to: TO, uavt_code: { in: 'query', description: 'Limit to one mahalle', schema: { type: 'string', pattern: UAVT } } },
      responses: { 200: { description: 'Months', type: 'application/json' }, ...badRequest },
      async handle(ctx, { params }) {
        const window = checkedWindow(params);
        const code = params.uavt_code ?? null;
        ctx.body = { ...window, uavt_code: code, months: await monthlyRequests(knex, window, code) };
      },
    }),
    operation<{ codes: string }>({
      method: 'get',
      path: '/api/neighbourhoods/compare',
      operationId: 'compareNeighbourhoods',
      tag: ANALYTICS,
      summary: 'Mahalle karşılaştırma / Compare mahalle',
      parameters: { codes: { in: 'query', required: true, description: '2 to 22 UAVT codes separated by commas', schema: { type: 'string', pattern: '^\\d{1,12}(,\\d{1,12}){1,21}$' } } },
      responses: { 200: { description: 'Profiles in the order asked', type: 'application/json' }, ...badRequest, 404: { description: 'Unknown code' } },
      async handle(ctx, { params }) {
        const profiles = [];
        for (const code of params.codes.split(',')) {
          const profile = await neighbourhoodProfile(knex, code, { requests: requestFiguresFor(clearanceOf(ctx)) });
          if (!profile) throw notFound(`There is no mahalle with UAVT code ${code}`, 'codes');
          profiles.push(profile);
        }
        ctx.body = { neighbourhoods: profiles };
      },
    }),
    operation<{ code: string }>({
      method: 'get',
      path: '/api/neighbourhoods/{code}/profile',
      operationId: 'neighbourhoodProfile',
      tag: ANALYTICS,
      summary: 'Mahalle profili / Mahalle profile',
      description: 'All indicators with their years beside the district (sum or population-weighted mean) and the median mahalle, facilities by category; request figures for signed-in staff (null for the public, who get the citizen_request_counts dataset).',
      parameters: { code: { in: 'path', description: 'UAVT code', schema: { type: 'string', pattern: UAVT } } },
      responses: { 200: { description: 'Profile', type: 'application/json' }, ...badRequest, 404: { description: 'Unknown code' } },
      async handle(ctx, { params }) {
        const profile = await neighbourhoodProfile(knex, params.code, { requests: requestFiguresFor(clearanceOf(ctx)) });
        if (!profile) throw notFound(`There is no mahalle with UAVT code ${params.code}`, 'code');
        ctx.body = profile;
      },
    }),
  ];
}
