import type { Knex } from 'knex';
import { GEOMETRY_COLUMN, SQL_TYPE, type Dataset } from '@kbs/core';

/** A row for a dataset table: catalogued column values, and `geom` as a GeoJSON geometry. */
export type Row = Record<string, unknown>;

export function partitionName(dataset: Dataset, version: number): string {
  return `${dataset.table}__v${version}`;
}

/** Reserves the next version number and creates its empty, detached partition. */
export async function beginVersion(knex: Knex, dataset: Dataset, runId: number, fileHash: string): Promise<number> {
  const { rows } = await knex.raw<{ rows: { next: number }[] }>(
    'SELECT coalesce(max(version), 0) + 1 AS next FROM catalog.versions WHERE dataset_id = ?',
    [dataset.id],
  );
  const version = rows[0]!.next;
  await knex('catalog.versions').insert({ dataset_id: dataset.id, version, status: 'staging', run_id: runId, file_hash: fileHash });
  await knex.raw('CREATE TABLE data.?? (LIKE data.?? INCLUDING DEFAULTS)', [partitionName(dataset, version), dataset.table]);
  return version;
}

/**
 * Inserts a batch as ONE bound jsonb parameter unpacked by jsonb_to_recordset: a single round trip per
 * batch on both engines, column types from the catalog, geometry parsed and normalised in PostGIS.
 */
export async function insertRows(
  knex: Knex,
  dataset: Dataset,
  version: number,
  rows: Row[],
  /** "EPSG:n", or the WKT of a .prj handed to PROJ through PostGIS as it is. */
  sourceCrs = 'EPSG:4326',
): Promise<void> {
  if (rows.length === 0) return;
  const columns = dataset.columns.filter((c) => c.name !== GEOMETRY_COLUMN);
  const names = columns.map((c) => c.name);
  const definitions = columns.map((c) => `?? ${SQL_TYPE[c.type]}`);
  const bindings: Knex.RawBinding[] = [partitionName(dataset, version), ...names];
  let geometrySelect = '';
  if (dataset.geometryType) {
    definitions.push('"geom" jsonb');
    const multi = dataset.geometryType.startsWith('Multi');
    const parsed = 'ST_Force2D(ST_GeomFromGeoJSON(r.geom::text))';
    const projected = sourceCrs === 'EPSG:4326' ? parsed : `ST_Transform(${parsed}, ?::text, 4326)`;
    geometrySelect = `, ${multi ? `ST_Multi(${projected})` : projected}`;
  }
  const insertColumns = ['_version', ...names.map(() => '??'), ...(dataset.geometryType ? ['geom'] : [])];
  const sql = `INSERT INTO data.?? (${insertColumns.join(', ')})
SELECT ?::integer, ${names.map(() => 'r.??').join(', ')}${geometrySelect}
FROM jsonb_to_recordset(?::jsonb) AS r(${definitions.join(', ')})`;
  await knex.raw(sql, [
    ...bindings,
    version,
    ...names,
    ...(dataset.geometryType && sourceCrs !== 'EPSG:4326' ? [sourceCrs] : []),
    JSON.stringify(rows),
    ...names,
  ]);
}

/** Attaches the loaded partition (building its indexes) and marks it ready for the switch. */
export async function finishVersion(knex: Knex, dataset: Dataset, version: number): Promise<number> {
  const partition = partitionName(dataset, version);
  await knex.raw(`ALTER TABLE data.?? ADD CHECK (_version = ${Number(version)})`, [partition]);
  await knex.raw(`ALTER TABLE data.?? ATTACH PARTITION data.?? FOR VALUES IN (${Number(version)})`, [dataset.table, partition]);
  const { rows } = await knex.raw<{ rows: { n: number }[] }>('SELECT count(*)::int AS n FROM data.??', [partition]);
  const rowCount = rows[0]!.n;
  await knex('catalog.versions').where({ dataset_id: dataset.id, version }).update({ status: 'ready', row_count: rowCount });
  return rowCount;
}

/** The one short transaction that makes versions current; `alsoInTransaction` runs inside it. */
export async function switchVersions(
  knex: Knex,
  staged: { dataset: Dataset; version: number }[],
  alsoInTransaction?: (trx: Knex.Transaction) => Promise<void>,
): Promise<void> {
  await knex.transaction(async (trx) => {
    for (const { dataset, version } of staged) {
      await trx('catalog.versions').where({ dataset_id: dataset.id, status: 'current' }).update({ status: 'ready' });
      await trx('catalog.versions').where({ dataset_id: dataset.id, version }).update({ status: 'current', activated_at: trx.fn.now() });
      await trx('catalog.datasets').where({ id: dataset.id }).update({ current_version: version, updated_at: trx.fn.now() });
    }
    if (alsoInTransaction) await alsoInTransaction(trx);
  });
}

/** Drops the partitions of versions beyond the dataset's keep count (never the current one). */
export async function retireOldVersions(knex: Knex, dataset: Dataset): Promise<number[]> {
  const stale: { version: number }[] = await knex('catalog.versions')
    .select('version')
    .where({ dataset_id: dataset.id, status: 'ready' })
    .orderBy('version', 'desc')
    .offset(Math.max(dataset.keepVersions - 1, 0));
  for (const { version } of stale) {
    await knex.raw('DROP TABLE IF EXISTS data.??', [partitionName(dataset, version)]);
    await knex('catalog.versions').where({ dataset_id: dataset.id, version }).update({ status: 'retired' });
  }
  return stale.map((s) => s.version);
}

/** Removes what a load that died before its switch left behind: staged partitions nobody will switch to. */
export async function dropAbandonedVersions(knex: Knex, dataset: Dataset): Promise<number[]> {
  const abandoned: { version: number; run_id: number | null }[] = await knex('catalog.versions')
    .select('version', 'run_id')
    .where({ dataset_id: dataset.id, status: 'staging' });
  for (const { version, run_id } of abandoned) {
    await knex.raw('DROP TABLE IF EXISTS data.??', [partitionName(dataset, version)]);
    await knex('catalog.versions').where({ dataset_id: dataset.id, version }).delete();
    if (run_id) {
      await knex('catalog.etl_runs').where({ id: run_id, status: 'running' })
        .update({ status: 'failed', finished_at: knex.fn.now(), error: 'abandoned: the process ended before the switch' });
    }
  }
  return abandoned.map((a) => a.version);
}
