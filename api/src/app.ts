import Koa from 'koa';
import type { Config, Database, Logger } from '@kbs/core';
import { problemMiddleware } from './http/problem';
import { requestLog } from './http/requestLog';
import { ogcRoutes } from './ogc/routes';
import { neighbourhoodRoutes } from './query/neighbourhoodsRoute';
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
  app.use(problemMiddleware(logger));
  for (const router of [healthRoutes(db), neighbourhoodRoutes(db), ogcRoutes(db, config), tileRoutes(db, config)]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use(staticSite(config.webDist));
  return app;
}
