import type { Knex } from 'knex';
import { GEOMETRY_COLUMN, SQL_TYPE, type Dataset } from '@kbs/core';
import { DuplicateKeysError } from './errors';

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
  // The partition constraint from the start: checked row by row as rows come in, so that attaching
  // needs no scan of the whole partition to prove it.
  await knex.raw(`CREATE TABLE data.?? (LIKE data.?? INCLUDING DEFAULTS, CHECK (_version = ${Number(version)}))`, [partitionName(dataset, version), dataset.table]);
  return version;
}

/**
 * The statement that inserts a batch as ONE bound jsonb parameter unpacked by jsonb_to_recordset: a
 * single round trip per batch on both engines, column types from the catalog, geometry parsed and
 * normalised in PostGIS. (knex placeholders; `insertRows` runs it, the COPY sink runs it for the rows
 * COPY cannot carry.)
 */
export function insertRowsStatement(
  dataset: Dataset,
  version: number,
  rows: Row[],
  /** "EPSG:n", or the WKT of a .prj handed to PROJ through PostGIS as it is. */
  sourceCrs = 'EPSG:4326',
): { sql: string; bindings: Knex.RawBinding[] } {
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
  return {
    sql,
    bindings: [
      ...bindings,
      version,
      ...names,
      ...(dataset.geometryType && sourceCrs !== 'EPSG:4326' ? [sourceCrs] : []),
      JSON.stringify(rows),
      ...names,
    ],
  };
}

/** Inserts a batch through the jsonb statement (the embedded engine's path, and the reference for COPY). */
export async function insertRows(knex: Knex, dataset: Dataset, version: number, rows: Row[], sourceCrs = 'EPSG:4326'): Promise<void> {
  if (rows.length === 0) return;
  const { sql, bindings } = insertRowsStatement(dataset, version, rows, sourceCrs);
  await knex.raw(sql, bindings);
}

/** Runs the statements side by side (each on its own pooled connection: in parallel on a server). */
async function allSettled(statements: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(statements);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

const INDEX_DEFINITION = /^CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?\S+ (USING .+)$/;

/**
 * Builds on a detached partition the indexes of its parent (primary key included), all at once, so that
 * attaching finds them instead of building them one after the other. An index whose definition is not
 * understood here is left to ATTACH.
 */
async function buildIndexesLikeParent(knex: Knex, table: string, partition: string): Promise<void> {
  const { rows } = await knex.raw<{ rows: { definition: string; constraint_type: string | null }[] }>(`
SELECT pg_get_indexdef(i.indexrelid) AS definition, c.contype AS constraint_type
FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
WHERE i.indrelid = (quote_ident('data') || '.' || quote_ident(?))::regclass`, [table]);
  await allSettled(rows.map(async ({ definition, constraint_type }, n) => {
    const match = INDEX_DEFINITION.exec(definition);
    if (!match || (constraint_type !== null && constraint_type !== 'p' && constraint_type !== 'u')) return;
    const name = `${partition}_${constraint_type === 'p' ? 'pkey' : `key${n}`}`;
    await knex.raw(`CREATE ${match[1] ?? ''}INDEX ?? ON data.?? ${match[2]}`, [name, partition]);
    if (constraint_type) {
      await knex.raw(`ALTER TABLE data.?? ADD CONSTRAINT ?? ${constraint_type === 'p' ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ??`, [partition, name, name]);
    }
  }));
}

const UNIQUE_VIOLATION = '23505';
const DUPLICATE_EXAMPLES = 5;

/** The first keys (in load order) that a staged partition holds more than once, and how many there are. */
async function duplicateKeys(knex: Knex, dataset: Dataset, partition: string): Promise<DuplicateKeysError | null> {
  const { rows } = await knex.raw<{ rows: { key: string; n: number; total: number }[] }>(`
SELECT ??::text AS key, count(*)::int AS n, count(*) OVER ()::int AS total
FROM data.?? GROUP BY 1 HAVING count(*) > 1 ORDER BY min(ctid) LIMIT ${DUPLICATE_EXAMPLES}`, [dataset.idColumn, partition]);
  if (rows.length === 0) return null; // another unique index: the error stays as it is
  return new DuplicateKeysError(dataset.id, dataset.idColumn, rows.map((r) => ({ key: r.key, rows: r.n })), rows[0]!.total);
}

/**
 * Builds the loaded partition's indexes, attaches it and marks it ready for the switch.
 * Statistics first, fresh before the version is served (the embedded engine has no autovacuum, and
 * without them the planner picks nested loops that turn a 50 ms query into seconds): ANALYZE cannot
 * run beside an index build, while `alongside` (the pipeline's read-only checks) can, and on a server
 * takes the second core while the GiST build holds the first.
 */
export async function finishVersion(knex: Knex, dataset: Dataset, version: number, alongside: () => Promise<void> = async () => {}): Promise<number> {
  const partition = partitionName(dataset, version);
  let rowCount = 0;
  await allSettled([
    knex.raw('ANALYZE data.??', [partition]),
    knex.raw<{ rows: { n: number }[] }>('SELECT count(*)::int AS n FROM data.??', [partition]).then(({ rows }) => {
      rowCount = rows[0]!.n;
    }),
  ]);
  await allSettled([buildIndexesLikeParent(knex, dataset.table, partition), alongside()]).catch(async (error: unknown) => {
    // The primary key's build is where repeated keys show: said as keys, not as the index that failed.
    throw ((error as { code?: string }).code === UNIQUE_VIOLATION && await duplicateKeys(knex, dataset, partition)) || error;
  });
  await knex.raw(`ALTER TABLE data.?? ATTACH PARTITION data.?? FOR VALUES IN (${Number(version)})`, [dataset.table, partition]);
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
