import type { Context, Next } from 'koa';
import { AppError, internalError, serviceUnavailable, toProblem, type Logger } from '@kbs/core';

/** Errors that mean "the database is not there right now", not "the request was wrong". */
function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; message?: string };
  return (
    e?.name === 'KnexTimeoutError' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08003'].includes(e?.code ?? '') ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(e?.message ?? '')
  );
}

/** What the JSON body parser could not take: too large (413) or not JSON (400), naming the body. */
export function rejectBody(error: Error): never {
  if ((error as { status?: number }).status === 413) {
    throw new AppError(413, 'payload-too-large', 'İstek gövdesi çok büyük / Payload too large', 'The request body is larger than allowed.', { parameter: 'body' });
  }
  throw new AppError(400, 'invalid-parameter', 'Geçersiz parametre / Invalid parameter', 'The request body is not valid JSON.', { parameter: 'body' });
}

/** The one place errors become HTTP: `application/problem+json`, causes to the log only. */
export function problemMiddleware(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError(404, 'not-found', 'Bulunamadı / Not found', `No resource at ${ctx.path}`);
      }
    } catch (caught) {
      let error: AppError;
      if (caught instanceof AppError) error = caught;
      else if (isDatabaseUnavailable(caught)) error = serviceUnavailable('The database is not reachable; try again shortly.', caught);
      else if ((caught as { code?: string }).code === '57014') error = serviceUnavailable('The query took longer than the server allows; narrow it (bbox, limit, filter).', caught);
      else if ((caught as { status?: number }).status && (caught as { expose?: boolean }).expose) {
        // Koa's own client errors (a body that is too large, say): keep their status, drop their internals.
        const status = (caught as { status: number }).status;
        error = new AppError(status, 'bad-request', 'Geçersiz istek / Bad request', (caught as Error).message, { parameter: 'body' });
      } else error = internalError(caught);
      const log = error.status >= 500 ? logger.error.bind(logger) : logger.debug.bind(logger);
      log({ err: error.cause ?? error, path: ctx.path, status: error.status }, error.detail);
      ctx.status = error.status;
      ctx.type = 'application/problem+json';
      ctx.body = toProblem(error, ctx.originalUrl);
      if (error.status === 503) ctx.set('Retry-After', '5');
      if (typeof error.extra.retryAfter === 'number') ctx.set('Retry-After', String(error.extra.retryAfter));
    }
  };
}
