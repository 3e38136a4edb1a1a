import type { Database } from '@kbs/core';
import { GEOJSON, sendJsonText } from '../http/geojson';
import { operation } from '../http/operation';
import { neighbourhoodsFeatureCollection } from './neighbourhoodsQuery';

export function neighbourhoodOperations(db: Database) {
  return [
    operation({
      method: 'get',
      path: '/api/neighbourhoods',
      operationId: 'neighbourhoods',
      tag: 'Mahalleler / Neighbourhoods',
      summary: '22 mahalle, sınırları ve nüfusuyla / The 22 mahalle with boundaries and population',
      responses: { 200: { description: 'FeatureCollection', type: GEOJSON } },
      async handle(ctx) {
        sendJsonText(ctx, await neighbourhoodsFeatureCollection(db.knex), GEOJSON);
        ctx.set('Cache-Control', 'public, max-age=60');
      },
    }),
  ];
}
