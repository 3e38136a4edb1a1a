import type { Context } from 'koa';

export const GEOJSON = 'application/geo+json';

/** Sends JSON text already built by PostgreSQL without parsing and re-serialising it in Node. */
export function sendJsonText(ctx: Context, json: string, type = 'application/json'): void {
  ctx.type = type;
  ctx.body = json;
}
