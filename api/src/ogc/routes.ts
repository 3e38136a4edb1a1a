import { Readable } from 'node:stream';
import Router from '@koa/router';
import type { Context } from 'koa';
import { invalidParameter, listDatasets, getDataset, notFound, visibleColumns, type Config, type Database, type Dataset } from '@kbs/core';
import { RECORDED_COLUMNS } from '@kbs/etl';
import { canSeeDataset, clearanceOf, requireVisibleDataset } from '../access/clearance';
import { publicBaseUrl } from '../http/baseUrl';
import { GEOJSON } from '../http/geojson';
import { CONFORMANCE } from './conformance';
import { CRS84, crsByUri, SUPPORTED_CRS } from './crs';
import { collectionExtent, countItems, getItem, streamItems } from './featuresSource';
import { escapeHtml, htmlPage, linkList, table } from './html';
import { ogcOpenApi } from './openapi';
import { parseItemsParams, type Query } from './params';

const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

interface Link { href: string; rel: string; type?: string; title?: string }


/** json or html, from `f` first, then the Accept header. */
function wantsHtml(ctx: Context): boolean {
  const f = ctx.query.f;
  if (f !== undefined) {
    if (f === 'html') return true;
    if (f === 'json' || f === 'geojson') return false;
    throw invalidParameter('f', `f must be json or html, not "${String(f)}"`);
  }
  return ctx.accepts('application/json', 'application/geo+json', 'text/html') === 'text/html';
}

function withoutF(query: Query): Query {
  const { f: _f, ...rest } = query;
  return rest;
}

function queryString(query: Query): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) v.forEach((x) => search.append(k, x));
    else if (v !== undefined) search.set(k, v);
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export function ogcRoutes(db: Database, config: Config): Router {
  const router = new Router({ prefix: '/ogc' });

  async function visibleDataset(ctx: Context, id: string): Promise<Dataset> {
    return requireVisibleDataset(await getDataset(db.knex, id), clearanceOf(ctx), { detail: `There is no collection "${id}"`, parameter: 'collectionId' });
  }

  async function collectionDocument(ctx: Context, dataset: Dataset) {
    const base = `${publicBaseUrl(ctx, config)}/ogc/collections/${encodeURIComponent(dataset.id)}`;
    const extent = await collectionExtent(db.knex, dataset, clearanceOf(ctx));
    return {
      id: dataset.id,
      title: dataset.titleTr,
      description: dataset.descriptionTr,
      keywords: dataset.keywords,
      itemType: 'feature',
      // Digitising (POST/PATCH/DELETE /api/collections/{id}/features) takes this collection.
      ...(dataset.editable ? { editable: true } : {}),
      crs: SUPPORTED_CRS.map((c) => c.uri),
      storageCrs: CRS84,
      extent: {
        ...(extent.bbox ? { spatial: { bbox: [extent.bbox], crs: CRS84 } } : {}),
        ...(extent.interval ? { temporal: { interval: [extent.interval], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } } : {}),
      },
      links: [
        { href: base, rel: 'self', type: 'application/json', title: 'Bu koleksiyon / This collection' },
        { href: `${base}?f=html`, rel: 'alternate', type: 'text/html', title: 'HTML' },
        { href: `${base}/items`, rel: 'items', type: GEOJSON, title: 'Öğeler / Items' },
        { href: `${base}/items?f=html`, rel: 'items', type: 'text/html', title: 'Öğeler (HTML)' },
        { href: `${base}/queryables`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables', type: 'application/schema+json', title: 'Sorgulanabilirler / Queryables' },
        { href: dataset.licence, rel: 'license', title: 'Lisans / Licence' },
      ],
    };
  }

  router.get('/', (ctx) => {
    const base = publicBaseUrl(ctx, config);
    const links: Link[] = [
      { href: `${base}/ogc`, rel: 'self', type: 'application/json', title: 'Bu belge / This document' },
      { href: `${base}/ogc?f=html`, rel: 'alternate', type: 'text/html', title: 'HTML' },
      { href: `${base}/ogc/api`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'OpenAPI 3.0' },
      { href: `${base}/ogc/api?f=html`, rel: 'service-doc', type: 'text/html', title: 'API belgeleri / API documentation' },
      { href: `${base}/ogc/conformance`, rel: 'conformance', type: 'application/json', title: 'Uygunluk / Conformance' },
      { href: `${base}/ogc/collections`, rel: 'data', type: 'application/json', title: 'Koleksiyonlar / Collections' },
    ];
    const title = 'Bağcılar Kent Bilgi Sistemi';
    const description = 'Bağcılar Belediyesi mekânsal veri servisi (OGC API – Features) / Spatial data service of Bağcılar Municipality';
    if (wantsHtml(ctx)) {
      ctx.type = 'text/html';
      ctx.body = htmlPage(title, `<p>${escapeHtml(description)}</p>${linkList(links)}`);
      return;
    }
    ctx.body = { title, description, links };
  });

  router.get('/conformance', (ctx) => {
    if (wantsHtml(ctx)) {
      ctx.type = 'text/html';
      ctx.body = htmlPage('Uygunluk / Conformance', `<ul>${CONFORMANCE.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`);
      return;
    }
    ctx.body = { conformsTo: CONFORMANCE };
  });

  router.get('/api', async (ctx) => {
    const clearance = clearanceOf(ctx);
    const ids = (await listDatasets(db.knex)).filter((d) => canSeeDataset(d, clearance)).map((d) => d.id);
    const document = ogcOpenApi(publicBaseUrl(ctx, config), ids);
    if (wantsHtml(ctx)) {
      ctx.type = 'text/html';
      ctx.body = htmlPage('OpenAPI', `<pre>${escapeHtml(JSON.stringify(document, null, 2))}</pre>`);
      return;
    }
    ctx.type = OPENAPI_TYPE;
    ctx.body = JSON.stringify(document);
  });

  router.get('/collections', async (ctx) => {
    const clearance = clearanceOf(ctx);
    const datasets = (await listDatasets(db.knex)).filter((d) => canSeeDataset(d, clearance));
    const collections = [];
    for (const dataset of datasets) collections.push(await collectionDocument(ctx, dataset));
    const base = publicBaseUrl(ctx, config);
    const links: Link[] = [
      { href: `${base}/ogc/collections`, rel: 'self', type: 'application/json', title: 'Bu belge / This document' },
      { href: `${base}/ogc/collections?f=html`, rel: 'alternate', type: 'text/html', title: 'HTML' },
    ];
    if (wantsHtml(ctx)) {
      ctx.type = 'text/html';
      ctx.body = htmlPage('Koleksiyonlar / Collections', `<ul>${collections.map((c) => `<li><a href="${escapeHtml(c.links[0]!.href)}?f=html">${escapeHtml(c.title)}</a> — ${escapeHtml(c.id)}</li>`).join('')}</ul>`);
      return;
    }
    ctx.body = { links, collections, crs: SUPPORTED_CRS.map((c) => c.uri) };
  });

  router.get('/collections/:collectionId', async (ctx) => {
    const dataset = await visibleDataset(ctx, ctx.params.collectionId!);
    const document = await collectionDocument(ctx, dataset);
    if (wantsHtml(ctx)) {
      ctx.type = 'text/html';
      ctx.body = htmlPage(document.title, `<p>${escapeHtml(document.description)}</p>${table(
        visibleColumns(dataset, clearanceOf(ctx)).map((c) => [c.name, `${c.titleTr} / ${c.titleEn} (${c.type})`]),
      )}${linkList(document.links)}`);
      return;
    }
    ctx.body = document;
  });

  router.get('/collections/:collectionId/queryables', async (ctx) => {
    const dataset = await visibleDataset(ctx, ctx.params.collectionId!);
    const self = `${publicBaseUrl(ctx, config)}/ogc/collections/${encodeURIComponent(dataset.id)}/queryables`;
    const jsonType = (c: { type: string }) =>
      c.type === 'integer' || c.type === 'bigint' ? { type: 'integer' }
        : c.type === 'double' ? { type: 'number' }
        : c.type === 'boolean' ? { type: 'boolean' }
        : c.type === 'timestamptz' ? { type: 'string', format: 'date-time' }
        : c.type === 'date' ? { type: 'string', format: 'date' }
        : c.type === 'text' ? { type: 'string' } : null;
    const properties: Record<string, unknown> = {};
    for (const c of visibleColumns(dataset, clearanceOf(ctx))) {
      const t = jsonType(c);
      // An editable dataset's id and who/when columns are set by the platform: the map's forms leave them out.
      const readOnly = dataset.editable && (c.name === dataset.idColumn || RECORDED_COLUMNS.includes(c.name));
      if (t) properties[c.name] = { title: `${c.titleTr} / ${c.titleEn}`, ...t, ...(c.descriptionTr ? { description: c.descriptionTr } : {}), ...(readOnly ? { readOnly: true } : {}) };
    }
    if (dataset.geometryType) properties.geometry = { title: 'Geometri / Geometry', format: `geometry-${dataset.geometryType.toLowerCase()}` };
    ctx.type = 'application/schema+json';
    ctx.body = JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: self,
      type: 'object',
      title: dataset.titleTr,
      properties,
      additionalProperties: false,
    });
  });

  router.get('/collections/:collectionId/items', async (ctx) => {
    const dataset = await visibleDataset(ctx, ctx.params.collectionId!);
    const html = wantsHtml(ctx);
    const query = withoutF(ctx.query as Query);
    const params = parseItemsParams(query, dataset, clearanceOf(ctx));
    const matched = await countItems(db.knex, dataset, params);
    const base = `${publicBaseUrl(ctx, config)}/ogc/collections/${encodeURIComponent(dataset.id)}/items`;
    ctx.set('Content-Crs', `<${params.crs.uri}>`);
    /** The page's links; `asHtml` makes the navigation links point at HTML pages too. */
    const pageLinks = (returned: number, asHtml = false): Link[] => {
      const format: Query = asHtml ? { f: 'html' } : {};
      const pageType = asHtml ? 'text/html' : GEOJSON;
      const links: Link[] = [
        { href: `${base}${queryString(query)}`, rel: 'self', type: GEOJSON, title: 'Bu sayfa / This page' },
        { href: `${base}${queryString({ ...query, f: 'html' })}`, rel: 'alternate', type: 'text/html', title: 'HTML' },
        { href: `${publicBaseUrl(ctx, config)}/ogc/collections/${encodeURIComponent(dataset.id)}`, rel: 'collection', type: 'application/json', title: dataset.titleTr },
      ];
      if (params.offset + returned < matched) {
        links.push({ href: `${base}${queryString({ ...query, offset: String(params.offset + returned), limit: String(params.limit), ...format })}`, rel: 'next', type: pageType, title: 'Sonraki sayfa / Next page' });
      }
      if (params.offset > 0) {
        links.push({ href: `${base}${queryString({ ...query, offset: String(Math.max(0, params.offset - params.limit)), limit: String(params.limit), ...format })}`, rel: 'prev', type: pageType, title: 'Önceki sayfa / Previous page' });
      }
      return links;
    };
    if (html) {
      const rows: string[] = [];
      for await (const { feature } of streamItems(db.knex, dataset, params)) rows.push(feature);
      const features = rows.map((r) => JSON.parse(r) as { id: string; properties: Record<string, unknown> });
      ctx.type = 'text/html';
      ctx.body = htmlPage(`${dataset.titleTr} — öğeler / items`, `<p>${matched} öğe / features</p><ul>${features
        .map((f) => `<li><a href="${escapeHtml(`${base}/${encodeURIComponent(String(f.id))}?f=html`)}">${escapeHtml(f.id)}</a> ${escapeHtml(JSON.stringify(f.properties))}</li>`)
        .join('')}</ul>${linkList(pageLinks(features.length, true))}`);
      return;
    }
    const timeStamp = new Date().toISOString();
    async function* body() {
      yield '{"type":"FeatureCollection","features":[';
      let returned = 0;
      for await (const { feature } of streamItems(db.knex, dataset, params)) {
        yield returned === 0 ? feature : `,${feature}`;
        returned += 1;
      }
      yield `],"numberMatched":${matched},"numberReturned":${returned},"timeStamp":"${timeStamp}","links":${JSON.stringify(pageLinks(returned))}}`;
    }
    ctx.type = GEOJSON;
    ctx.body = Readable.from(body());
  });

  router.get('/collections/:collectionId/items/:featureId', async (ctx) => {
    const dataset = await visibleDataset(ctx, ctx.params.collectionId!);
    const html = wantsHtml(ctx);
    for (const name of Object.keys(ctx.query)) {
      if (name !== 'f' && name !== 'crs') throw invalidParameter(name, `unknown query parameter "${name}"; allowed: f, crs`);
    }
    const crs = crsByUri(ctx.query.crs as string | undefined, 'crs');
    const featureId = ctx.params.featureId!;
    const feature = await getItem(db.knex, dataset, featureId, { crs, properties: visibleColumns(dataset, clearanceOf(ctx)), clearance: clearanceOf(ctx) });
    if (!feature) throw notFound(`Collection "${dataset.id}" has no feature "${featureId}"`, 'featureId');
    const self = `${publicBaseUrl(ctx, config)}/ogc/collections/${encodeURIComponent(dataset.id)}/items/${encodeURIComponent(featureId)}`;
    const links: Link[] = [
      { href: self, rel: 'self', type: GEOJSON, title: 'Bu öğe / This feature' },
      { href: `${self}?f=html`, rel: 'alternate', type: 'text/html', title: 'HTML' },
      { href: `${publicBaseUrl(ctx, config)}/ogc/collections/${encodeURIComponent(dataset.id)}`, rel: 'collection', type: 'application/json', title: dataset.titleTr },
    ];
    if (html) {
      const parsed = JSON.parse(feature) as { properties: Record<string, unknown> };
      ctx.type = 'text/html';
      ctx.body = htmlPage(`${dataset.titleTr} — ${featureId}`, `${table(Object.entries(parsed.properties))}${linkList(links)}`);
      return;
    }
    ctx.set('Content-Crs', `<${crs.uri}>`);
    ctx.type = GEOJSON;
    ctx.body = `${feature.slice(0, -1)},"links":${JSON.stringify(links)}}`;
  });

  return router;
}
