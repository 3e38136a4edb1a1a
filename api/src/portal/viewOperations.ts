import { getDataset, notFound, type Database } from '@kbs/core';
import { canSeeDataset, clearanceOf } from '../access/clearance';
import { operation } from '../http/operation';
import { recordUsage } from './usage';

const DATASET_ID = { type: 'string', pattern: '^[a-z][a-z0-9_-]{1,62}$' };

/** The portal's page-view counter: the dataset page calls it once per view. */
export function viewOperations(db: Database) {
  return [
    operation<{ id: string }>({
      method: 'post',
      path: '/api/datasets/{id}/views',
      operationId: 'countDatasetView',
      tag: 'Açık veri portalı / Open data portal',
      summary: 'Veri seti sayfasının bir görüntülenmesini sayar / Counts one view of a dataset page',
      description: 'Views are counted per dataset and month (UTC) and published as usage statistics; only published datasets are counted.',
      parameters: { id: { in: 'path', description: 'Dataset id', schema: DATASET_ID } },
      responses: { 204: { description: 'Counted' }, 404: { description: 'No published dataset with this id' } },
      async handle(ctx, { params }) {
        const dataset = await getDataset(db.knex, params.id);
        if (!dataset || !dataset.published || !canSeeDataset(dataset, clearanceOf(ctx))) throw notFound(`There is no published dataset "${params.id}"`, 'id');
        await recordUsage(db.knex, dataset.id, 'views');
        ctx.status = 204;
      },
    }),
  ];
}
