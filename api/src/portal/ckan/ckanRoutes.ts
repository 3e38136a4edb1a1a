import Router from '@koa/router';
import type { Context } from 'koa';
import type { Config, Database } from '@kbs/core';
import { clearanceOf } from '../../access/clearance';
import { allows } from '../../access/permissions';
import { principalOf } from '../../access/principal';
import { publicBaseUrl } from '../../http/baseUrl';
import { sendJsonText } from '../../http/geojson';
import type { ActionParams } from './actionParams';
import { CKAN_ACTIONS } from './actions';
import { CkanError } from './ckanError';
import { helpUrl } from './ckanEnvelope';

/** A GET's query string as CKAN reads it: a repeated key is a list, a single one a string. */
function queryParams(ctx: Context): ActionParams {
  return { ...ctx.query };
}

/**
 * The CKAN Action API: `GET|POST /api/3/action/{action}` (and CKAN's unversioned `/api/action/…`).
 * Its own small router, since CKAN's error shape is not problem+json (ckanEnvelope writes errors); the
 * permission matrix still decides, through `allows`, as for every other route.
 */
export function ckanRoutes(db: Database, config: Config): Router {
  const router = new Router();
  const handle = async (ctx: Context) => {
    const name = ctx.params.action!;
    const action = Object.hasOwn(CKAN_ACTIONS, name) ? CKAN_ACTIONS[name] : undefined;
    if (!action) throw new CkanError('Bad Request', `Bad request - Action name not known: ${name}`);
    const principal = principalOf(ctx);
    if (!allows(principal, 'read')) throw new CkanError('Authorization Error', `Access denied: ${principal.role} may not read`);
    let params = queryParams(ctx);
    if (ctx.method === 'POST') {
      const body = (ctx.request as unknown as { body?: unknown }).body;
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
        throw new CkanError('Bad Request', 'Bad request - JSON Error: the body must be a JSON object');
      }
      params = { ...params, ...(body as ActionParams | undefined) };
    }
    const baseUrl = publicBaseUrl(ctx, config);
    const result = await action({ knex: db.knex, principal, clearance: clearanceOf(ctx), baseUrl, requestUrl: ctx.originalUrl }, params);
    ctx.set('Cache-Control', 'no-cache');
    // Compact: Koa would indent an object body, a third more bytes on a 1000-package page.
    sendJsonText(ctx, JSON.stringify({ help: helpUrl(ctx, baseUrl), success: true, result }));
  };
  for (const prefix of ['/api/3/action', '/api/action']) {
    router.get(`${prefix}/:action`, handle);
    router.post(`${prefix}/:action`, handle);
  }
  return router;
}
