import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { Config, Database, Logger } from '@kbs/core';
import { resolvePrincipal } from './access/principal';
import { adminOperations } from './accounts/adminOperations';
import { signInOperations } from './accounts/signInOperations';
import { docsOperations } from './docs/docsOperations';
import { corsAndSecurityHeaders } from './http/headers';
import { operationsRouter, type AnyOperation } from './http/operation';
import { publicBaseUrl } from './http/baseUrl';
import { problemMiddleware, rejectBody } from './http/problem';
import { rateLimit } from './http/rateLimit';
import { requestLog } from './http/requestLog';
import { savedMapOperations } from './maps/savedMapOperations';
import { ogcRoutes } from './ogc/routes';
import { publishingOperations } from './portal/publishing/publishingOperations';
import { downloadOperations } from './portal/downloads/downloadOperations';
import { dcatOperations } from './portal/dcat/dcatOperations';
import { ckanEnvelope } from './portal/ckan/ckanEnvelope';
import { ckanRoutes } from './portal/ckan/ckanRoutes';
import { viewOperations } from './portal/viewOperations';
import { versionOperations } from './portal/versions/versionsOperation';
import { neighbourhoodOperations } from './query/neighbourhoodOperations';
import { requestPointsOperations } from './query/requestPointsOperation';
import { spatialOperations } from './query/spatialOperations';
import { searchOperations } from './search/searchOperations';
import { featureEditOperations } from './features/featureEditOperations';
import { healthOperations } from './system/health';
import { tileOperations } from './tiles/tileOperations';
import { twinOperations } from './twin/twinOperations';
import { uploadOperations } from './uploads/uploadOperation';
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
  app.use(ckanEnvelope(logger, (ctx) => publicBaseUrl(ctx, config)));
  app.use(resolvePrincipal(db));
  app.use(rateLimit(config.rateLimitPerMinute));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '2mb', encoding: 'utf-8', onError: rejectBody }));
  const operations: AnyOperation[] = [
    ...healthOperations(db),
    ...neighbourhoodOperations(db),
    ...spatialOperations(db),
    ...searchOperations(db),
    ...requestPointsOperations(db),
    ...tileOperations(db, config),
    ...signInOperations(db, config),
    ...adminOperations(db),
    ...uploadOperations(db, config),
    ...publishingOperations(db),
    ...featureEditOperations(db),
    ...twinOperations(db, config),
    ...downloadOperations(db, config),
    ...savedMapOperations(db),
    ...dcatOperations(db, config),
    ...viewOperations(db),
    ...versionOperations(db),
  ];
  operations.push(...docsOperations(db, config, () => operations));
  for (const router of [operationsRouter(operations), ogcRoutes(db, config), ckanRoutes(db, config)]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use(staticSite(config.webDist, config.basemaps));
  return app;
}
