import type { Context, Next } from 'koa';
import { AppError, internalError, type Logger } from '@kbs/core';
import { CkanError, fromAppError } from './ckanError';

export const CKAN_PATH = /^\/api(\/3)?\/action\//;

/** `help` of every CKAN answer: where the action's documentation is (CKAN's help_show URL). */
export function helpUrl(ctx: Context, baseUrl: string): string {
  const action = ctx.path.replace(CKAN_PATH, '');
  return `${baseUrl}/api/3/action/help_show?name=${encodeURIComponent(action)}`;
}

/**
 * CKAN's answer shape for everything under /api/3/action/, errors included: mounted before the
 * platform's principal, rate-limit and body middleware, so that their errors (a revoked key, too many
 * requests, a body that is not JSON) reach CKAN clients as `{help, success: false, error}` and not as
 * problem+json. CKAN clients send the API token bare in `Authorization` (or `X-CKAN-API-Key`); it is given the Bearer scheme
 * the platform's principal expects, so the platform's keys work unchanged.
 */
export function ckanEnvelope(logger: Logger, baseUrl: (ctx: Context) => string) {
  return async (ctx: Context, next: Next) => {
    if (!CKAN_PATH.test(ctx.path)) return next();
    // CKAN's older clients send the key in X-CKAN-API-Key.
    const authorization = ctx.get('Authorization').trim() || ctx.get('X-CKAN-API-Key').trim();
    if (authorization && !/\s/.test(authorization)) ctx.request.headers.authorization = `Bearer ${authorization}`;
    try {
      await next();
    } catch (caught) {
      let status: number;
      let error: Record<string, unknown>;
      if (caught instanceof CkanError) {
        status = caught.status;
        error = caught.body();
      } else {
        const appError = caught instanceof AppError ? caught : internalError(caught);
        if (appError.status >= 500) logger.error({ err: appError.cause ?? appError, path: ctx.path }, appError.detail);
        ({ status, body: error } = fromAppError(appError));
        if (typeof appError.extra.retryAfter === 'number') ctx.set('Retry-After', String(appError.extra.retryAfter));
      }
      ctx.status = status;
      ctx.type = 'application/json';
      ctx.body = { help: helpUrl(ctx, baseUrl(ctx)), success: false, error };
    }
  };
}
