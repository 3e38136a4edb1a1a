import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { getDataset } from '@kbs/core';
import { withDatasetLocks } from '../datasetLock';
import { EtlError } from '../errors';
import { csvField, loadWithPipeline, type LoadReport } from '../load';
import type { Pipeline } from '../pipelines/types';
import { citizenRequestCountsPipeline, deriveCitizenRequestCounts } from './citizenRequestCounts';
import { derivePortalUsage, portalUsagePipeline } from './portalUsage';
import type { DerivedTable } from './types';

/** A dataset the ETL derives from data it already holds, instead of loading it from a file. */
interface Derivation {
  /** Datasets whose new versions make this one stale. */
  sources: string[];
  derive(knex: Knex): Promise<DerivedTable | null>;
  /** Reads the derived file back (and refuses what may not be published). */
  pipeline: Pipeline;
}

export const DERIVATIONS: Record<string, Derivation> = {
  citizen_request_counts: { sources: ['citizen_requests', 'neighbourhoods'], derive: deriveCitizenRequestCounts, pipeline: citizenRequestCountsPipeline },
  // portal.usage changes with every view: refreshed at start and by `pnpm etl derive portal_usage`.
  portal_usage: { sources: [], derive: derivePortalUsage, pipeline: portalUsagePipeline },
};

export interface DeriveOptions {
  actor?: string;
  onProgress?: (message: string) => void;
}

function toCsv(table: DerivedTable): string {
  const field = (v: unknown) => (v === null || v === undefined ? '' : csvField(String(v)));
  return [table.header.join(','), ...table.rows.map((r) => r.map(field).join(','))].join('\n') + '\n';
}

/**
 * Derives a dataset and writes it as a new version through the loader every file goes through (the same
 * staging, checks, switch and run log): the derived rows are written as a CSV file first, whose hash
 * makes an unchanged derivation a no-op. Null when there is nothing to derive from yet.
 */
export async function deriveDataset(knex: Knex, datasetId: string, options: DeriveOptions = {}): Promise<LoadReport | null> {
  const derivation = DERIVATIONS[datasetId];
  if (!derivation) throw new EtlError(`"${datasetId}" is not a derived dataset; derived: ${Object.keys(DERIVATIONS).join(', ')}`);
  if (!(await getDataset(knex, datasetId))) throw new EtlError(`dataset "${datasetId}" is not in the catalog (start the platform once to create the catalog)`);
  // Read and written holding the dataset, waiting for another derivation (another instance's, after its
  // own load): one that read its sources first and wrote last would leave the older counts current.
  return withDatasetLocks(knex, [datasetId], () => deriveHeld(knex, datasetId, derivation, options), { wait: true });
}

async function deriveHeld(knex: Knex, datasetId: string, derivation: Derivation, options: DeriveOptions): Promise<LoadReport | null> {
  const table = await derivation.derive(knex);
  if (!table) {
    options.onProgress?.(`${datasetId}: nothing to derive it from yet`);
    return null;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-derive-'));
  try {
    const file = path.join(dir, `${datasetId}.csv`);
    fs.writeFileSync(file, toCsv(table));
    return await loadWithPipeline(knex, file, datasetId, derivation.pipeline, {
      sourceLabel: table.source,
      actor: options.actor ?? 'system',
      // What is derived is complete or not published at all.
      maxRejectedShare: 0,
      held: true,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Re-derives every dataset (in the catalog) derived from one of `changed`, after their new versions. */
export async function refreshDerived(knex: Knex, changed: string[], options: DeriveOptions = {}): Promise<LoadReport[]> {
  const reports: LoadReport[] = [];
  for (const [id, derivation] of Object.entries(DERIVATIONS)) {
    if (!derivation.sources.some((s) => changed.includes(s)) || !(await getDataset(knex, id))) continue;
    const report = await deriveDataset(knex, id, options);
    if (report) reports.push(report);
  }
  return reports;
}

/** The derived datasets that have never been derived (a new installation, or one upgraded to them). */
export async function underivedDatasets(knex: Knex): Promise<string[]> {
  const rows: { id: string }[] = await knex('catalog.datasets').select('id').whereIn('id', Object.keys(DERIVATIONS)).whereNull('current_version');
  return rows.map((r) => r.id);
}
