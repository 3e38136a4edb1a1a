import type { Knex } from 'knex';
import { GEOMETRY_COLUMN, rowCondition, streamRows, VERSION_COLUMN, type ColumnDefinition, type Dataset, type PrivacyClass } from '@kbs/core';

/**
 * The SQL of the downloads: which versions are kept, and the rows of one version in the columns a caller
 * may see, streamed through a cursor. Identifiers come only from the catalog and are bound as `??`.
 */

export interface KeptVersion {
  version: number;
  current: boolean;
  rowCount: number | null;
  createdAt: Date;
}

/** Versions whose rows are still there: the current one and the older ones the ETL keeps for rollback. */
export async function keptVersions(knex: Knex, datasetId: string): Promise<KeptVersion[]> {
  const rows: { version: number; status: string; row_count: number | null; created_at: Date }[] = await knex('catalog.versions')
    .select('version', 'status', 'row_count', 'created_at')
    .where({ dataset_id: datasetId })
    .whereIn('status', ['current', 'ready'])
    .orderBy('version', 'desc');
  return rows.map((r) => ({ version: r.version, current: r.status === 'current', rowCount: r.row_count, createdAt: r.created_at }));
}

/** What the rows of a download are: one kept version of a dataset, in the columns the caller may see. */
export interface DownloadSource {
  dataset: Dataset;
  version: number;
  columns: ColumnDefinition[];
  /** Whose download: decides the rows too where the catalog holds rows back from the public. */
  clearance: PrivacyClass;
}

/** The WHERE clause of one version's rows the caller may read. */
function versionRows(source: DownloadSource): { sql: string; bindings: Knex.RawBinding[] } {
  const condition = rowCondition(source.dataset, source.clearance);
  return {
    sql: `FROM data.?? WHERE ?? = ?${condition ? ` AND ${condition.sql}` : ''}`,
    bindings: [source.dataset.table, VERSION_COLUMN, source.version, ...(condition?.bindings ?? [])],
  };
}

/**
 * How a writer wants the geometry: GeoJSON with RFC 7946 winding (counter-clockwise outer rings),
 * GeoJSON with Shapefile winding (clockwise outer rings), ISO WKB with its envelope (GeoPackage), a KML
 * fragment, or table form (longitude/latitude for points, WKT otherwise).
 */
export type GeometryEncoding = 'geojson' | 'geojson-cw' | 'wkb' | 'kml' | 'table';

/** Result aliases no catalog column can take (names match ^[a-z_][a-z0-9_]*$). */
export const GEOMETRY = 'kbs:geometry';
export const LONGITUDE = 'kbs:lon';
export const LATITUDE = 'kbs:lat';
export const ENVELOPE = ['kbs:xmin', 'kbs:ymin', 'kbs:xmax', 'kbs:ymax'] as const;

export type DownloadRow = Record<string, unknown>;

function geometrySelect(dataset: Dataset, encoding: GeometryEncoding): string {
  if (!dataset.geometryType) return '';
  const g = GEOMETRY_COLUMN;
  const polygons = dataset.geometryType === 'MultiPolygon';
  switch (encoding) {
    case 'geojson':
      return `, ST_AsGeoJSON(${polygons ? `ST_ForcePolygonCCW(${g})` : g}) AS "${GEOMETRY}"`;
    case 'geojson-cw':
      return `, ST_AsGeoJSON(${polygons ? `ST_ForcePolygonCW(${g})` : g}) AS "${GEOMETRY}"`;
    case 'kml':
      // KML draws an outer ring counter-clockwise as facing up.
      return `, ST_AsKML(${polygons ? `ST_ForcePolygonCCW(${g})` : g}, 9) AS "${GEOMETRY}"`;
    case 'wkb':
      return `, ST_AsBinary(${g}, 'NDR') AS "${GEOMETRY}", ${ENVELOPE.map((alias, i) => `ST_${['XMin', 'YMin', 'XMax', 'YMax'][i]}(${g}) AS "${alias}"`).join(', ')}`;
    case 'table':
      return dataset.geometryType === 'Point'
        ? `, ST_X(${g}) AS "${LONGITUDE}", ST_Y(${g}) AS "${LATITUDE}"`
        : `, ST_AsText(${g}) AS "${GEOMETRY}"`;
  }
}

export function buildRowsQuery(source: DownloadSource, encoding: GeometryEncoding): { sql: string; bindings: Knex.RawBinding[] } {
  // Dates as text: the driver would turn a date into a local midnight.
  const columns = source.columns.map((c) => (c.type === 'date' ? '??::text AS ??' : '??'));
  const bindings: Knex.RawBinding[] = [];
  for (const c of source.columns) bindings.push(...(c.type === 'date' ? [c.name, c.name] : [c.name]));
  return {
    sql: `SELECT ${columns.join(', ') || '1 AS "kbs:none"'}${geometrySelect(source.dataset, encoding)}
${versionRows(source).sql} ORDER BY ??`,
    bindings: [...bindings, ...versionRows(source).bindings, source.dataset.idColumn],
  };
}

/**
 * The rows of the version, one at a time (a server-side cursor: memory stays flat). A whole dataset
 * may take minutes on a busy server, so the API's statement timeout does not apply; the file is made
 * at the database's pace (see FileCache), never held open by a slow client.
 */
export function streamDownloadRows(knex: Knex, source: DownloadSource, encoding: GeometryEncoding): AsyncGenerator<DownloadRow> {
  const q = buildRowsQuery(source, encoding);
  return streamRows<DownloadRow>(knex, q.sql, q.bindings, 2000, { statementTimeoutMs: 0 });
}

export interface ColumnExtent {
  /** Longest value as text, in UTF-8 bytes. */
  maxBytes: number;
  /** Largest absolute value of a number column. */
  maxAbs: number;
}

/** Widths of the values of each column, for formats with fixed-width fields (DBF). */
export async function columnExtents(knex: Knex, source: DownloadSource): Promise<Map<string, ColumnExtent>> {
  const extents = new Map<string, ColumnExtent>();
  if (source.columns.length === 0) return extents;
  const numeric = (c: ColumnDefinition) => c.type === 'integer' || c.type === 'bigint' || c.type === 'double';
  // text[] as the writers spell it (valueText: elements joined by "; ").
  const asText = (c: ColumnDefinition) => (c.type === 'text[]' ? "array_to_string(??, '; ')" : '??::text');
  const parts = source.columns.map((c) => `coalesce(max(octet_length(${asText(c)})), 0) AS ??, ${numeric(c) ? 'coalesce(max(abs(??)), 0)::float8' : '0::float8'} AS ??`);
  const bindings: Knex.RawBinding[] = [];
  for (const c of source.columns) bindings.push(c.name, `b:${c.name}`, ...(numeric(c) ? [c.name] : []), `a:${c.name}`);
  const { rows } = await knex.raw<{ rows: Record<string, number>[] }>(
    `SELECT ${parts.join(', ')} ${versionRows(source).sql}`,
    [...bindings, ...versionRows(source).bindings],
  );
  for (const c of source.columns) extents.set(c.name, { maxBytes: Number(rows[0]![`b:${c.name}`]), maxAbs: Number(rows[0]![`a:${c.name}`]) });
  return extents;
}
