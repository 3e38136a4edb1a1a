import Router from '@koa/router';
import type { Database } from '@kbs/core';
import { GEOJSON, sendJsonText } from '../http/geojson';
import { neighbourhoodsFeatureCollection } from './neighbourhoodsQuery';

export function neighbourhoodRoutes(db: Database): Router {
  const router = new Router({ prefix: '/api' });
  router.get('/neighbourhoods', async (ctx) => {
    sendJsonText(ctx, await neighbourhoodsFeatureCollection(db.knex), GEOJSON);
    ctx.set('Cache-Control', 'public, max-age=60');
  });
  return router;
}
