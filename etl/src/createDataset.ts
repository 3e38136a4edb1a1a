import type { Knex } from 'knex';
import type { DatasetDefinition } from '@kbs/core';
import { loadDataset, type LoadOptions, type LoadReport } from './load';
import { createGenericDataset, type GenericDatasetOptions } from './pipelines/generic';

/**
 * A new dataset from a file, made with its first version or not at all: when the first load is
 * refused, the dataset goes again, so that the same command can run once the file is fixed.
 */
export async function createDatasetFromFile(
  knex: Knex,
  file: string,
  options: GenericDatasetOptions,
  loadOptions: LoadOptions = {},
): Promise<{ definition: DatasetDefinition; report: LoadReport }> {
  const definition = await createGenericDataset(knex, file, options);
  try {
    return { definition, report: await loadDataset(knex, file, definition.id, loadOptions) };
  } catch (error) {
    await dropDataset(knex, definition.id);
    throw error;
  }
}

async function dropDataset(knex: Knex, id: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('DROP VIEW IF EXISTS public.??', [id]);
    await trx.raw('DROP TABLE IF EXISTS data.?? CASCADE', [id]);
    await trx('catalog.datasets').where({ id }).delete(); // its columns, source mapping, runs and versions go with it
  });
}
