import fs from 'node:fs';
import type { Context } from 'koa';
import { getDataset, notFound, type Config, type Database, type Dataset, type PrivacyClass } from '@kbs/core';
import { clearanceOf, requireVisibleDataset } from '../../access/clearance';
import { publicBaseUrl } from '../../http/baseUrl';
import { operation, type AnyOperation, type ParameterSpec } from '../../http/operation';
import { DOWNLOAD_FORMATS, downloadPath, formatsFor, type DownloadFormat } from '../formats';
import { recordUsage } from '../usage';
import { DownloadService, downloadsDir } from './downloadService';
import { contentDisposition } from './fileName';

const TAG = 'Açık veri / Open data';

const DATASET_ID: ParameterSpec = { in: 'path', description: 'Dataset id, as in /ogc/collections', schema: { type: 'string', pattern: '^[a-z][a-z0-9_]*$', maxLength: 63 } };
const VERSION: ParameterSpec = {
  in: 'query',
  description: 'A kept version (see the dataset\'s versions); the current version when left out',
  schema: { type: 'integer', minimum: 1, maximum: 2_147_483_647 },
};

export function downloadOperations(db: Database, config: Config): AnyOperation[] {
  const service = new DownloadService(db.knex, downloadsDir(config.dataDir));

  /** Unknown or beyond the caller's clearance: the same 404, so that nothing is revealed; unpublished: 410 with the reason. */
  async function visibleDataset(id: string, clearance: PrivacyClass): Promise<Dataset> {
    return requireVisibleDataset(await getDataset(db.knex, id), clearance, { detail: `There is no dataset "${id}"`, parameter: 'id' });
  }

  /** What a client may cache: public files for everyone; a signed-in caller's columns only for them. */
  function cachingHeaders(ctx: Context, clearance: PrivacyClass) {
    ctx.set('Cache-Control', clearance === 'public' ? 'public, max-age=300' : 'private, no-store');
    ctx.vary('Authorization');
    ctx.vary('Cookie');
  }

  return [
    operation<{ id: string; version?: number }>({
      method: 'get',
      path: '/api/datasets/{id}/downloads',
      operationId: 'listDownloads',
      tag: TAG,
      summary: 'İndirilebilir dosyalar / Download files of a dataset',
      description: 'Every format the dataset can be downloaded in, with the size and SHA-256 of the exact bytes the download returns '
        + '(null while a large file has not been made yet). Columns follow the caller\'s clearance.',
      parameters: { id: DATASET_ID, version: VERSION },
      responses: { 200: { description: '{ dataset, version, files: [{ format, label, mediaType, url, fileName, size, sha256 }] }', type: 'application/json' }, 404: { description: 'Unknown dataset or version' } },
      async handle(ctx, { params }) {
        const clearance = clearanceOf(ctx);
        const dataset = await visibleDataset(params.id, clearance);
        const version = await service.version(dataset, params.version);
        const base = publicBaseUrl(ctx, config);
        const files = [];
        for (const spec of formatsFor(dataset)) {
          const download = service.prepare(dataset, version, clearance, spec);
          const figures = await service.figures(download);
          files.push({
            format: spec.format,
            label: spec.label,
            mediaType: spec.mediaType,
            url: base + downloadPath(dataset.id, spec.format, params.version),
            fileName: download.name.utf8,
            size: figures?.size ?? null,
            sha256: figures?.sha256 ?? null,
          });
        }
        cachingHeaders(ctx, clearance);
        ctx.body = { dataset: dataset.id, version: version.version, files };
      },
    }),
    operation<{ id: string; format: DownloadFormat; version?: number }>({
      method: 'get',
      path: '/api/datasets/{id}/downloads/{format}',
      operationId: 'downloadDataset',
      tag: TAG,
      summary: 'Veri setini indir / Download a dataset',
      description: 'The whole version as a file, streamed: CSV (UTF-8, comma), CSV for Excel (UTF-8 BOM, semicolons, decimal points), GeoJSON (RFC 7946), '
        + 'GeoPackage, Shapefile (zip with .prj and .cpg), KML, XLSX. Only the columns the caller may see.',
      parameters: {
        id: DATASET_ID,
        format: { in: 'path', description: 'File format', schema: { type: 'string', enum: DOWNLOAD_FORMATS.map((f) => f.format) } },
        version: VERSION,
      },
      responses: {
        200: { description: 'The file, as an attachment' },
        304: { description: 'Not modified (ETag = SHA-256 of the file)' },
        400: { description: 'Unknown format or bad version' },
        404: { description: 'Unknown dataset or version, or a spatial format for a dataset without geometry' },
      },
      async handle(ctx, { params }) {
        const clearance = clearanceOf(ctx);
        const dataset = await visibleDataset(params.id, clearance);
        const spec = formatsFor(dataset).find((f) => f.format === params.format);
        if (!spec) throw notFound(`Dataset "${dataset.id}" has no geometry, so no ${params.format} file; formats: ${formatsFor(dataset).map((f) => f.format).join(', ')}`, 'format');
        const version = await service.version(dataset, params.version);
        const download = service.prepare(dataset, version, clearance, spec);
        const cached = await service.cached(download);
        cachingHeaders(ctx, clearance);
        if (cached) {
          const etag = `"${cached.sha256}"`;
          ctx.set('ETag', etag);
          if (ctx.get('If-None-Match') === etag) {
            ctx.status = 304;
            return;
          }
        }
        // Counted before a file is made: on the embedded engine making it holds the one connection.
        if (ctx.method === 'GET') await recordUsage(db.knex, dataset.id, 'downloads');
        ctx.set('Content-Disposition', contentDisposition(download.name));
        ctx.type = spec.mediaType;
        if (cached) {
          ctx.set('Repr-Digest', `sha-256=:${Buffer.from(cached.sha256, 'hex').toString('base64')}:`);
          ctx.length = cached.size;
          ctx.body = fs.createReadStream(cached.path);
          return;
        }
        // The first request for this file: its bytes as they are made (no length known yet).
        ctx.body = service.produce(download).follow();
      },
    }),
  ];
}
