import type { Database } from '@kbs/core';
import { serviceUnavailable } from '@kbs/core';
import { operation } from '../http/operation';

export function healthOperations(db: Database) {
  return [
    operation({
      method: 'get',
      path: '/health',
      operationId: 'health',
      tag: 'Sistem / System',
      summary: 'Sağlık durumu / Health',
      description: 'Answers 200 when the database answers; 503 otherwise (for load balancers).',
      responses: { 200: { description: 'Healthy', type: 'application/json' }, 503: { description: 'The database is not reachable' } },
      async handle(ctx) {
        let postgis: string;
        try {
          postgis = await db.postgisVersion();
        } catch (error) {
          throw serviceUnavailable('The database is not reachable.', error);
        }
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { status: 'ok', engine: db.engine, postgis };
      },
    }),
  ];
}
