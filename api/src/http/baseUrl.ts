import type { Context } from 'koa';
import type { Config } from '@kbs/core';

/** The absolute base of links: PUBLIC_URL behind a proxy (with its path), else this request's origin. */
export function publicBaseUrl(ctx: Context, config: Config): string {
  return config.publicUrl ?? `${ctx.protocol}://${ctx.host}`;
}
