import type { Context, Next } from 'koa';
import type { Config } from '@kbs/core';

/**
 * CORS for the configured origins only (the mobile app, other municipal sites), and security
 * headers on every answer, with a Content-Security-Policy that allows no inline script.
 */
export function corsAndSecurityHeaders(config: Config) {
  const anyOrigin = config.corsOrigins.includes('*');
  const basemapOrigins = [...new Set(config.basemaps.map((b) => new URL(b.url.replace(/[{}]/g, '')).origin))].join(' ');
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${basemapOrigins}`.trim(),
    `connect-src 'self' ${basemapOrigins}`.trim(),
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return async (ctx: Context, next: Next) => {
    const origin = ctx.get('Origin');
    const allowed = origin && (anyOrigin || config.corsOrigins.includes(origin));
    if (allowed) {
      ctx.set('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
      ctx.set('Access-Control-Expose-Headers', 'ETag, Content-Crs, Content-Disposition, Link, Retry-After, X-Request-Id');
    }
    ctx.vary('Origin');
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
      if (allowed) {
        ctx.set('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
        ctx.set('Access-Control-Allow-Headers', ctx.get('Access-Control-Request-Headers') || 'Content-Type, Authorization');
        ctx.set('Access-Control-Max-Age', '600');
      }
      ctx.status = 204;
      return;
    }
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.set('Content-Security-Policy', csp);
    await next();
  };
}
