import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from '@kbs/core';

/** One structured log line per request, with an id echoed in `X-Request-Id`. */
export function requestLog(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    const started = process.hrtime.bigint();
    const id = ctx.get('X-Request-Id') || randomUUID();
    ctx.set('X-Request-Id', id);
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ req: { id, method: ctx.method, url: ctx.originalUrl }, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  };
}
