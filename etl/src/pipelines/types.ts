import type { Knex } from 'knex';
import type { Dataset } from '@kbs/core';
import type { Extent } from '../coordinates';
import type { ReadOptions, RecordBatches, SourceRecord } from '../readers/types';
import type { Row } from '../staging';

/** What a pipeline makes of one source record: rows per target dataset, or the reason it was rejected. */
export type Transformed = { rows: Record<string, Row[]>; notes?: string[] } | { reject: string };

export interface PipelineContext {
  knex: Knex;
  datasets: Map<string, Dataset>;
  /** Points outside are rejected. */
  extent: Extent;
  /** EPSG code the load names for the source's coordinates (e.g. 5254 for x/y in TUREF / TM30). */
  sourceSrid?: number;
}

/**
 * One kind of source → one or more datasets. Pipelines only map and check values; reading, staging,
 * versioning and reporting are the loader's.
 */
export interface Pipeline<State = unknown> {
  /** The datasets written, all switched together; the first is the one the load is named after. */
  targets: string[];
  read(source: string, options: ReadOptions): RecordBatches;
  /** Loads what transform needs (lookups) before the first record. */
  prepare?(context: PipelineContext): Promise<State>;
  transform(record: SourceRecord, state: State): Transformed;
  /** SQL completion of a staged partition (derived columns), before its indexes are built. */
  finalise?(knex: Knex, dataset: Dataset, partition: string): Promise<string[] | void>;
  /** Read-only findings about the completed partition (warnings), run beside its index builds. */
  check?(knex: Knex, dataset: Dataset, partition: string): Promise<string[]>;
}
