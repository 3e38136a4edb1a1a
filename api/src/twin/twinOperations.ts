import fs from 'node:fs';
import path from 'node:path';
import { getDataset, notFound, type Config, type Database } from '@kbs/core';
import { canSeeDataset, clearanceOf } from '../access/clearance';
import { operation } from '../http/operation';
import { panoramaImagePath } from './panoramaQuery';

const PANORAMAS = 'panoramas';
const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

/** The digital twin's panorama images, behind the same publication rule as the capture points. */
export function twinOperations(db: Database, config: Config) {
  const root = path.resolve(config.panoramaDir);
  return [
    operation<{ capture: string }>({
      method: 'get',
      path: '/api/panoramas/{capture}/image',
      operationId: 'panoramaImage',
      tag: 'Dijital ikiz / Digital twin',
      summary: 'Bir çekimin 360° panoraması / The 360° panorama of one capture',
      description: 'Equirectangular image; the centre column looks along the capture heading. Captures not cleared for publication (not yet blurred) need a signed-in role.',
      parameters: { capture: { in: 'path', description: 'Capture id, as in the panoramas collection', schema: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } } },
      responses: { 200: { description: 'The panorama', type: 'image/png' }, 404: { description: 'No such capture, not published, or no image' } },
      async handle(ctx, { params }) {
        const clearance = clearanceOf(ctx);
        const dataset = await getDataset(db.knex, PANORAMAS);
        const missing = () => notFound(`There is no panorama "${params.capture}"`, 'capture');
        if (!dataset || !canSeeDataset(dataset, clearance)) throw missing();
        const image = await panoramaImagePath(db.knex, dataset, params.capture, clearance);
        if (!image) throw missing();
        const file = path.resolve(root, image);
        const type = IMAGE_TYPES[path.extname(file).toLowerCase()];
        // The path comes from loaded data: it must stay inside the image folder.
        if (!type || !file.startsWith(root + path.sep)) throw missing();
        const stat = await fs.promises.stat(file).catch(() => null);
        if (!stat?.isFile()) throw missing();
        ctx.type = type;
        ctx.length = stat.size;
        // Signed-in answers are made private by the principal middleware: no uncleared image in a shared cache.
        ctx.set('Cache-Control', 'public, max-age=3600');
        ctx.body = fs.createReadStream(file);
      },
    }),
  ];
}
