import type { Knex } from 'knex';

export type UsageKind = 'views' | 'downloads';

/** Counts one view or download of a dataset in the current month (UTC). */
export async function recordUsage(knex: Knex, datasetId: string, kind: UsageKind): Promise<void> {
  await knex.raw(
    `INSERT INTO portal.usage (dataset_id, month, ${kind}) VALUES (?, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 1)
     ON CONFLICT (dataset_id, month) DO UPDATE SET ${kind} = portal.usage.${kind} + 1`,
    [datasetId],
  );
}
