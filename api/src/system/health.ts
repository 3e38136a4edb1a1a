import Router from '@koa/router';
import type { Database } from '@kbs/core';
import { serviceUnavailable } from '@kbs/core';

export function healthRoutes(db: Database): Router {
  const router = new Router();
  router.get('/health', async (ctx) => {
    let postgis: string;
    try {
      postgis = await db.postgisVersion();
    } catch (error) {
      throw serviceUnavailable('The database is not reachable.', error);
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok', engine: db.engine, postgis };
  });
  return router;
}
