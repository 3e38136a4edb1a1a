import { getDataset, notFound, type Database } from '@kbs/core';
import { canSeeDataset, clearanceOf } from '../../access/clearance';
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
      responses: { 200: { description: '{ dataset, current, versions: [...] }' }, 404: { description: 'No such dataset (or not visible to the caller)' } },
      async handle(ctx, { params }) {
        const dataset = await getDataset(db.knex, params.id);
        // An invisible dataset answers exactly like a missing one: its existence is not public either.
        if (!dataset || !canSeeDataset(dataset, clearanceOf(ctx))) throw notFound(`no dataset "${params.id}"`, 'id');
        const clearance = clearanceOf(ctx);
        ctx.body = { dataset: dataset.id, current: dataset.currentVersion, versions: await listPublicVersions(db.knex, dataset.id) };
        ctx.set('Cache-Control', clearance === 'public' ? 'public, max-age=60' : 'private, no-store');
      },
    }),
  ];
}
