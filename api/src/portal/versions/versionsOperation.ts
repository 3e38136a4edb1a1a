import { getDataset, type Database } from '@kbs/core';
import { clearanceOf, requireVisibleDataset } from '../../access/clearance';
import { operation } from '../../http/operation';
import { listPublicVersions } from './versionsQuery';

/** `GET /api/datasets/{id}/versions`: the portal's version list (dates, row counts, what changed). */
export function versionOperations(db: Database) {
  return [
    operation<{ id: string }>({
      method: 'get',
      path: '/api/datasets/{id}/versions',
      operationId: 'datasetVersions',
      tag: 'Açık veri portalı / Open data portal',
      summary: 'Veri setinin sürümleri / The versions of a dataset',
      description:
        'Every fully loaded version, newest first: version number, status (current, ready = kept for rollback, retired), ' +
        'activation date, row count, and the load that made it (rows read, loaded, rejected; the repairs it noted).',
      parameters: { id: { in: 'path', description: 'Dataset id', schema: { type: 'string', maxLength: 200 } } },
      responses: {
        200: { description: '{ dataset, current, versions: [...] }' },
        404: { description: 'No such dataset (or not visible to the caller)' },
        410: { description: 'Unpublished, with the reason' },
      },
      async handle(ctx, { params }) {
        const clearance = clearanceOf(ctx);
        // An invisible dataset answers like a missing one (404); an unpublished one 410 with the reason.
        const dataset = requireVisibleDataset(await getDataset(db.knex, params.id), clearance, { detail: `no dataset "${params.id}"`, parameter: 'id' });
        ctx.body = { dataset: dataset.id, current: dataset.currentVersion, versions: await listPublicVersions(db.knex, dataset.id) };
        ctx.set('Cache-Control', clearance === 'public' ? 'public, max-age=60' : 'private, no-store');
      },
    }),
  ];
}
