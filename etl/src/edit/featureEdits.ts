import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { GEOMETRY_COLUMN, getDataset, type ColumnDefinition, type Dataset } from '@kbs/core';
import { DISTRICT_EXTENT } from '../coordinates';
import { EtlError } from '../errors';
import { claimInTransaction } from '../datasetLock';
import { beginVersion, finishVersion, insertRows, partitionName, retireOldVersions, switchVersions, type Row } from '../staging';

/** One change drawn on the map: a new feature, new values or geometry for one, or its removal. */
export type FeatureEdit =
  | { kind: 'create'; properties: Record<string, unknown>; geometry: GeoJSONGeometry }
  | { kind: 'update'; id: string; properties?: Record<string, unknown>; geometry?: GeoJSONGeometry }
  | { kind: 'delete'; id: string };

export interface GeoJSONGeometry {
  type: string;
  coordinates: unknown;
}

/** An edit the dataset cannot take; `field` names what was wrong (for the API's problem document). */
export class FeatureEditError extends EtlError {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'FeatureEditError';
  }
}

export interface FeatureEditResult {
  version: number;
  /** The id of the feature each edit touched, in order. */
  ids: string[];
  /** The features as they were before (for the audit log), by id. */
  before: Record<string, Row>;
  after: Record<string, Row>;
}

/** Columns the editor never sets: who and when are recorded by the platform. */
export const RECORDED_COLUMNS: readonly string[] = ['edited_by', 'edited_at'];

const GEOMETRY_TYPES: Record<string, string[]> = {
  Point: ['Point'],
  MultiPoint: ['Point', 'MultiPoint'],
  LineString: ['LineString'],
  MultiLineString: ['LineString', 'MultiLineString'],
  MultiPolygon: ['Polygon', 'MultiPolygon'],
};

function checkValue(column: ColumnDefinition, value: unknown): string | null {
  if (value === null) return null;
  switch (column.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 10_000 ? null : 'must be text';
    case 'integer':
    case 'bigint':
      return Number.isInteger(value) ? null : 'must be an integer';
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : 'must be a date (YYYY-MM-DD)';
    case 'timestamptz':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : 'must be a date and time';
    case 'text[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : 'must be a list of texts';
    case 'jsonb':
      return null;
  }
}

/** Checks an edit against the catalog: known columns, typed values, the dataset's geometry type. */
export function checkFeatureEdit(dataset: Dataset, edit: FeatureEdit, position: string): void {
  if (edit.kind === 'delete') return;
  for (const [name, value] of Object.entries(edit.properties ?? {})) {
    const column = dataset.columns.find((c) => c.name === name);
    if (!column || name === GEOMETRY_COLUMN || RECORDED_COLUMNS.includes(name)) throw new FeatureEditError(`properties.${name}`, `${position}: ${dataset.id} has no editable column "${name}"`);
    if (name === dataset.idColumn && edit.kind === 'update') throw new FeatureEditError(`properties.${name}`, `${position}: the id of a feature cannot change`);
    const problem = checkValue(column, value);
    if (problem) throw new FeatureEditError(`properties.${name}`, `${position}: ${name} ${problem}`);
  }
  if (edit.geometry) {
    const allowed = GEOMETRY_TYPES[dataset.geometryType ?? ''] ?? [];
    if (!allowed.includes(edit.geometry.type)) throw new FeatureEditError('geometry', `${position}: ${dataset.id} takes ${allowed.join(' or ') || 'no geometry'}, not ${edit.geometry.type}`);
  }
}

/**
 * Applies edits as one new version of an editable dataset: the current rows are copied, the edits
 * applied, and the version switched, all in one transaction under a per-dataset lock — two editors
 * never build on the same version, and a failed edit leaves nothing behind. Editable datasets are
 * small (drawn by hand), so copying is cheap, and every interface sees the change at once (the tile
 * cache is keyed by version).
 */
export async function editFeatures(knex: Knex, datasetId: string, edits: FeatureEdit[], actor: string): Promise<FeatureEditResult> {
  return knex.transaction(async (trx) => {
    await claimInTransaction(trx, datasetId); // after the edits before it; not while a load or rollback runs
    const dataset = await getDataset(trx, datasetId);
    if (!dataset || !dataset.editable) throw new FeatureEditError('collection', `${datasetId} is not an editable dataset`);
    edits.forEach((edit, i) => checkFeatureEdit(dataset, edit, `edit ${i + 1}`));

    const columns = dataset.columns.map((c) => c.name);
    const current = dataset.currentVersion;
    const existing = new Map<string, Row>();
    if (current !== null) {
      const geometry = dataset.geometryType ? `, ST_AsGeoJSON(${GEOMETRY_COLUMN})::json AS geom` : '';
      const { rows } = await trx.raw<{ rows: Row[] }>(
        `SELECT ${columns.map(() => '??').join(', ')}${geometry} FROM data.?? WHERE _version = ?`,
        [...columns, dataset.table, current],
      );
      for (const row of rows) existing.set(String(row[dataset.idColumn]), row);
    }

    const now = new Date().toISOString();
    const before: Record<string, Row> = {};
    const after: Record<string, Row> = {};
    const ids: string[] = [];
    edits.forEach((edit, i) => {
      const position = `edit ${i + 1}`;
      if (edit.kind === 'create') {
        const id = String(edit.properties[dataset.idColumn] ?? randomUUID());
        if (existing.has(id)) throw new FeatureEditError(`properties.${dataset.idColumn}`, `${position}: ${dataset.id} already has a feature "${id}"`);
        const row: Row = { ...edit.properties, [dataset.idColumn]: id, edited_by: actor, edited_at: now, geom: edit.geometry };
        existing.set(id, row);
        after[id] = row;
        ids.push(id);
        return;
      }
      const old = existing.get(edit.id);
      if (!old) throw new FeatureEditError('featureId', `${position}: ${dataset.id} has no feature "${edit.id}"`);
      before[edit.id] ??= old;
      ids.push(edit.id);
      if (edit.kind === 'delete') {
        existing.delete(edit.id);
        return;
      }
      const row: Row = { ...old, ...(edit.properties ?? {}), edited_by: actor, edited_at: now, ...(edit.geometry ? { geom: edit.geometry } : {}) };
      existing.set(edit.id, row);
      after[edit.id] = row;
    });

    const [run] = await trx('catalog.etl_runs')
      .insert({ dataset_id: dataset.id, source: 'map edit', status: 'running', actor, rows_read: edits.length })
      .returning('id');
    const runId = Number((run as { id: number }).id);
    const version = await beginVersion(trx, dataset, runId, `edit:${runId}`);
    const unchanged = [...existing.keys()].filter((id) => !(id in after));
    if (current !== null && unchanged.length) {
      // Rows nobody touched are copied inside PostgreSQL, geometry and all.
      await trx.raw(
        `INSERT INTO data.?? (_version, ${columns.map(() => '??').join(', ')}${dataset.geometryType ? `, ${GEOMETRY_COLUMN}` : ''})
         SELECT ?::integer, ${columns.map(() => '??').join(', ')}${dataset.geometryType ? `, ${GEOMETRY_COLUMN}` : ''} FROM data.?? WHERE _version = ? AND ?? = ANY(?::text[])`,
        [partitionName(dataset, version), ...columns, version, ...columns, dataset.table, current, dataset.idColumn, unchanged],
      );
    }
    const written = Object.values(after);
    const bad = await firstBadGeometry(trx, dataset.idColumn, written);
    if (bad !== null) throw new FeatureEditError('geometry', `the geometry ${bad}`);
    await insertRows(trx, dataset, version, written);
    const rows = await finishVersion(trx, dataset, version);
    await switchVersions(trx, [{ dataset, version }]);
    await retireOldVersions(trx, dataset);
    await trx('catalog.etl_runs').where({ id: runId }).update({ status: 'succeeded', finished_at: trx.fn.now(), version, rows_loaded: rows });
    return { version, ids, before, after };
  });
}

/** What is wrong with the first drawn geometry PostGIS cannot read, finds invalid or outside the district; or null. */
async function firstBadGeometry(knex: Knex, idColumn: string, rows: Row[]): Promise<string | null> {
  const drawn = rows.filter((r) => r.geom).map((r) => ({ id: String(r[idColumn]), geom: JSON.stringify(r.geom) }));
  if (!drawn.length) return null;
  const [west, south, east, north] = DISTRICT_EXTENT;
  const parsed = await knex.raw<{ rows: { id: string; valid: boolean; inside: boolean }[] }>(
    `SELECT id, ST_IsValid(g) AS valid, ST_Intersects(g, ST_MakeEnvelope(?, ?, ?, ?, 4326)) AS inside
     FROM (SELECT id, ST_SetSRID(ST_GeomFromGeoJSON(geom), 4326) AS g FROM jsonb_to_recordset(?::jsonb) AS r(id text, geom text)) AS drawn
     WHERE NOT ST_IsValid(g) OR NOT ST_Intersects(g, ST_MakeEnvelope(?, ?, ?, ?, 4326)) LIMIT 1`,
    [west, south, east, north, JSON.stringify(drawn), west, south, east, north],
  ).catch(() => null);
  if (!parsed) return 'is not a GeoJSON geometry PostGIS can read';
  const bad = parsed.rows[0];
  if (!bad) return null;
  return bad.valid ? `of feature "${bad.id}" lies outside the district` : `of feature "${bad.id}" is not valid (a ring crosses itself?)`;
}
