import fs from 'node:fs';
import path from 'node:path';
import type { Context, Next } from 'koa';
import serve from 'koa-static';
import type { Config } from '@kbs/core';

type Basemaps = Config['basemaps'];

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The map's page with one `<meta name="kbs-basemap" content="Name|URL">` per configured basemap
 * (BASEMAPS) before `</head>`: the web app reads its switcher's entries from them (web/src/config.ts).
 */
export function withBasemaps(html: string, basemaps: Basemaps): string {
  if (!basemaps.length) return html;
  const tags = basemaps.map((b) => `<meta name="kbs-basemap" content="${escapeAttribute(`${b.name}|${b.url}`)}" />`).join('\n    ');
  return html.replace('</head>', `    ${tags}\n  </head>`);
}

/**
 * Serves the built web app: hashed assets cached for a year, pages revalidated, and client-side
 * routes answered with their page: /portal and everything under it with the portal's page, anything
 * else with the map's index.html (with the basemaps written in). API paths are never answered with a page.
 */
export function staticSite(webDist: string, basemaps: Basemaps = []) {
  const assets = serve(webDist, {
    index: 'index.html',
    setHeaders(res, filePath) {
      res.setHeader('Cache-Control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexFile = path.join(webDist, 'index.html');
  const portalFile = path.join(webDist, 'portal', 'index.html');
  const page = async (ctx: Context, file: string) => {
    ctx.type = 'text/html';
    ctx.set('Cache-Control', 'no-cache');
    // The map's page is small: read per request, so a rebuilt web app is served without a restart.
    ctx.body = file === indexFile ? withBasemaps(await fs.promises.readFile(file, 'utf8'), basemaps) : fs.createReadStream(file);
  };
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if ((ctx.path === '/' || ctx.path === '/index.html') && fs.existsSync(indexFile)) return page(ctx, indexFile);
    await assets(ctx, async () => {});
    if (ctx.body !== undefined || ctx.status !== 404) return;
    const isApi = /^\/(api|ogc|tiles|health|openapi|docs|catalog|problems)(\/|$|\.)/.test(ctx.path);
    const looksLikePage = !path.extname(ctx.path);
    // A dataset id may hold a dot: every path under /portal is a portal page.
    const isPortal = /^\/portal(\/|$)/.test(ctx.path);
    const file = isPortal ? portalFile : indexFile;
    if (!isApi && (looksLikePage || isPortal) && fs.existsSync(file)) return page(ctx, file);
    await next();
  };
}
