import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { loadDataset, refreshDerived, type LoadReport } from '@kbs/etl';
import { generateDemoData } from './generate';

/** Files of the generated demo, in load order (boundaries first: later pipelines match against them). */
export const DEMO_LOADS: [datasetId: string, file: string][] = [
  ['district', 'district.geojson'],
  ['neighbourhoods', 'neighbourhoods.geojson'],
  ['indicators', 'indicators.csv'],
  ['indicator_values', 'indicator_values.csv'],
  ['facilities', 'facilities.csv'],
  ['citizen_requests', 'citizen_requests.csv'],
  ['capture_sequences', 'capture_sequences.geojson'],
  ['panoramas', 'captures.csv'],
  ['streets', 'streets.geojson'],
  ['addresses', 'addresses.csv'],
];

export async function isDemoLoaded(knex: Knex): Promise<boolean> {
  const row = await knex('catalog.datasets').where({ id: 'neighbourhoods' }).whereNotNull('current_version').first();
  return Boolean(row);
}

/**
 * Generates the Bağcılar demo files under `dir` and loads them through the ETL, so every first start
 * exercises the real pipelines.
 */
export async function loadDemoData(knex: Knex, dir: string, log: (message: string) => void = () => {}): Promise<LoadReport[]> {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    log(`generating demo data into ${dir}`);
    await generateDemoData(dir, { onProgress: log });
  }
  const reports: LoadReport[] = [];
  for (const [datasetId, file] of DEMO_LOADS) {
    const report = await loadDataset(knex, path.join(dir, file), datasetId, { actor: 'demo', onProgress: log, wait: true });
    log(`loaded ${datasetId}: ${report.rowsLoaded} rows (${report.rowsRejected} rejected) in ${report.durationMs} ms`);
    reports.push(report);
  }
  // The published aggregates of what was just loaded (the citizen-request counts).
  for (const report of await refreshDerived(knex, DEMO_LOADS.map(([id]) => id), { actor: 'demo', onProgress: log })) {
    log(`derived ${report.datasetId}: ${report.rowsLoaded} rows in ${report.durationMs} ms`);
    reports.push(report);
  }
  return reports;
}
