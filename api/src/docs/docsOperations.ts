import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { listDatasets, notFound, type Config, type Database } from '@kbs/core';
import { canSeeDataset, clearanceOf } from '../access/clearance';
import { publicBaseUrl } from '../http/baseUrl';
import { operation, type AnyOperation } from '../http/operation';
import { escapeHtml } from '../ogc/html';
import { apiDocument } from './apiDocument';

const TAG = 'Sistem / System';
const SWAGGER_UI = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

// Links from the public base URL, so the page works under a proxy's base path; no inline script (the CSP forbids it).
const page = (base: string) => `<!doctype html>
<html lang="tr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API belgeleri / API reference — Bağcılar KBS</title>
<link rel="stylesheet" href="${base}/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="${base}/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui" data-spec="${base}/openapi.json"></div>
<script src="${base}/docs/assets/swagger-ui-bundle.js"></script>
<script src="${base}/docs/start.js"></script>
</body>
</html>
`;

const START = `(function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.dataset.spec,
    domNode: root,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    onComplete: function () { document.documentElement.dataset.docsState = 'ready'; },
  });
})();
`;

/** `/openapi.json` and its self-hosted reference UI at `/docs` (Swagger UI from node_modules, no CDN). */
export function docsOperations(db: Database, config: Config, documented: () => AnyOperation[]): AnyOperation[] {
  return [
    operation({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openapi',
      tag: TAG,
      summary: 'OpenAPI 3 belgesi / This OpenAPI 3 document',
      responses: { 200: { description: 'OpenAPI 3.0', type: 'application/vnd.oai.openapi+json;version=3.0' } },
      async handle(ctx) {
        const clearance = clearanceOf(ctx);
        const ids = (await listDatasets(db.knex)).filter((d) => canSeeDataset(d, clearance)).map((d) => d.id);
        ctx.type = 'application/vnd.oai.openapi+json;version=3.0';
        ctx.set('Cache-Control', 'no-cache');
        ctx.body = JSON.stringify(apiDocument(publicBaseUrl(ctx, config), documented(), ids));
      },
    }),
    operation({
      method: 'get',
      path: '/docs',
      operationId: 'apiReference',
      tag: TAG,
      summary: 'API belgeleri / API reference (HTML)',
      responses: { 200: { description: 'HTML page', type: 'text/html' } },
      async handle(ctx) {
        ctx.type = 'text/html; charset=utf-8';
        ctx.set('Cache-Control', 'no-cache');
        ctx.body = page(escapeHtml(publicBaseUrl(ctx, config)));
      },
    }),
    operation<{ file: string }>({
      method: 'get',
      path: '/docs/assets/{file}',
      operationId: 'apiReferenceAsset',
      tag: TAG,
      summary: 'API belgeleri dosyaları / Files of the API reference',
      parameters: { file: { in: 'path', description: 'File name', schema: { type: 'string', enum: Object.keys(ASSETS) } } },
      responses: { 200: { description: 'Stylesheet or script' }, 400: { description: 'Unknown file' } },
      async handle(ctx, { params }) {
        const type = ASSETS[params.file];
        if (!type) throw notFound(`No file ${params.file}`, 'file');
        ctx.type = type;
        ctx.set('Cache-Control', 'public, max-age=86400');
        ctx.body = fs.createReadStream(path.join(SWAGGER_UI, params.file));
      },
    }),
    operation({
      method: 'get',
      path: '/docs/start.js',
      operationId: 'apiReferenceStart',
      tag: TAG,
      summary: 'API belgeleri başlatıcı / Start script of the API reference',
      responses: { 200: { description: 'Script', type: 'text/javascript' } },
      async handle(ctx) {
        ctx.type = 'text/javascript; charset=utf-8';
        ctx.set('Cache-Control', 'no-cache');
        ctx.body = START;
      },
    }),
  ];
}
