import type { Knex } from 'knex';
import { addressesPipeline, streetsPipeline } from './addresses';
import { districtPipeline, neighbourhoodsPipeline } from './boundaries';
import { captureSequencesPipeline, panoramasPipeline } from './captures';
import { citizenRequestsPipeline } from './citizenRequests';
import { facilitiesPipeline } from './facilities';
import { indicatorsPipeline, indicatorValuesPipeline } from './indicators';
import type { Pipeline } from './types';

/** The pipeline that loads each dataset, by the id of the dataset a load is named after. */
export const PIPELINES: Record<string, Pipeline<any>> = {
  district: districtPipeline,
  neighbourhoods: neighbourhoodsPipeline,
  indicators: indicatorsPipeline,
  indicator_values: indicatorValuesPipeline,
  facilities: facilitiesPipeline,
  citizen_requests: citizenRequestsPipeline,
  capture_sequences: captureSequencesPipeline,
  panoramas: panoramasPipeline,
  streets: streetsPipeline,
  addresses: addressesPipeline,
};

/** Whether a load can name this dataset: it has a pipeline of its own, or was created from a file. */
export async function isLoadable(knex: Knex, datasetId: string): Promise<boolean> {
  if (PIPELINES[datasetId]) return true;
  return Boolean(await knex('catalog.generic_sources').where({ dataset_id: datasetId }).first());
}
