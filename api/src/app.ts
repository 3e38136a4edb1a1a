import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { Config, Database, Logger } from '@kbs/core';
import { corsAndSecurityHeaders } from './http/headers';
import { problemMiddleware, rejectBody } from './http/problem';
import { requestLog } from './http/requestLog';
import { ogcRoutes } from './ogc/routes';
import { neighbourhoodRoutes } from './query/neighbourhoodsRoute';
import { spatialRoutes } from './query/spatialRoutes';
import { healthRoutes } from './system/health';
import { tileRoutes } from './tiles/routes';
import { staticSite } from './web/staticSite';

export interface AppDependencies {
  db: Database;
  config: Config;
  logger: Logger;
}

/** The whole HTTP application; creating it opens no port, so tests can use it as it is. */
export function createApp({ db, config, logger }: AppDependencies): Koa {
  const app = new Koa({ proxy: Boolean(config.publicUrl) });
  app.use(requestLog(logger));
  app.use(corsAndSecurityHeaders(config));
  app.use(problemMiddleware(logger));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '2mb', encoding: 'utf-8', onError: rejectBody }));
  for (const router of [healthRoutes(db), neighbourhoodRoutes(db), spatialRoutes(db), ogcRoutes(db, config), tileRoutes(db, config)]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use(staticSite(config.webDist));
  return app;
}
