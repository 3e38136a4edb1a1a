import fs from 'node:fs';
import path from 'node:path';
import type { Context, Next } from 'koa';
import serve from 'koa-static';

/**
 * Serves the built web app: hashed assets cached for a year, pages revalidated, and client-side
 * routes answered with their page: /portal and everything under it with the portal's page, anything
 * else with the map's index.html. API paths are never answered with a page.
 */
export function staticSite(webDist: string) {
  const assets = serve(webDist, {
    index: 'index.html',
    setHeaders(res, filePath) {
      res.setHeader('Cache-Control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexFile = path.join(webDist, 'index.html');
  const portalFile = path.join(webDist, 'portal', 'index.html');
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    await assets(ctx, async () => {});
    if (ctx.body !== undefined || ctx.status !== 404) return;
    const isApi = /^\/(api|ogc|tiles|health|openapi|docs|catalog|problems)(\/|$|\.)/.test(ctx.path);
    const looksLikePage = !path.extname(ctx.path);
    // A dataset id may hold a dot: every path under /portal is a portal page.
    const isPortal = /^\/portal(\/|$)/.test(ctx.path);
    const page = isPortal ? portalFile : indexFile;
    if (!isApi && (looksLikePage || isPortal) && fs.existsSync(page)) {
      ctx.type = 'text/html';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = fs.createReadStream(page);
      return;
    }
    await next();
  };
}
