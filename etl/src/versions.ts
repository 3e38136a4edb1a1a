import type { Knex } from 'knex';
import { getDataset } from '@kbs/core';
import { withDatasetLocks } from './datasetLock';
import { EtlError } from './errors';
import { switchVersions } from './staging';

export interface VersionInfo {
  version: number;
  status: string;
  rowCount: number | null;
  fileHash: string | null;
  createdAt: Date;
  activatedAt: Date | null;
  runId: number | null;
}

export async function listVersions(knex: Knex, datasetId: string): Promise<VersionInfo[]> {
  const rows = await knex('catalog.versions').where({ dataset_id: datasetId }).orderBy('version', 'desc');
  return rows.map((r) => ({
    version: r.version, status: r.status, rowCount: r.row_count, fileHash: r.file_hash,
    createdAt: r.created_at, activatedAt: r.activated_at, runId: r.run_id,
  }));
}

/**
 * Makes a kept version current again, with the versions its load wrote into companion datasets
 * (a citizen-request load also wrote the applicants), in one switch transaction.
 */
export function rollbackDataset(knex: Knex, datasetId: string, version: number): Promise<void> {
  // Held like a load: a load's clean-up could otherwise retire the version this makes current.
  return withDatasetLocks(knex, [datasetId], () => restoreVersion(knex, datasetId, version));
}

async function restoreVersion(knex: Knex, datasetId: string, version: number): Promise<void> {
  const target = await knex('catalog.versions').where({ dataset_id: datasetId, version }).first();
  if (!target) throw new EtlError(`dataset "${datasetId}" has no version ${version}`);
  if (target.status === 'current') throw new EtlError(`version ${version} of "${datasetId}" is already current`);
  if (target.status !== 'ready') throw new EtlError(`version ${version} of "${datasetId}" is ${target.status} and cannot be restored`);
  const companions = target.run_id
    ? await knex('catalog.versions').where({ run_id: target.run_id }).whereNot({ dataset_id: datasetId }).whereIn('status', ['ready', 'current'])
    : [];
  const staged = [];
  for (const v of [target, ...companions]) {
    const dataset = await getDataset(knex, v.dataset_id);
    if (dataset) staged.push({ dataset, version: v.version as number });
  }
  await switchVersions(knex, staged);
}
