import type { Knex } from 'knex';
import { GEOMETRY_COLUMN, visibleColumns, visibleRows, type ColumnDefinition, type Dataset, type PrivacyClass } from '@kbs/core';

export const EXTENT = 4096;
export const BUFFER = 64;
/** At most this many features in one tile of one layer; beyond it the tile is a sample. */
export const FEATURE_CAP = 50_000;

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

export interface BoundSql {
  sql: string;
  bindings: Knex.RawBinding[];
}

/**
 * A column as a tile attribute, the same on both engines: numbers and booleans as they are,
 * dates and timestamps as ISO text, JSON and arrays as JSON text.
 */
function attributeExpression(column: ColumnDefinition): string {
  switch (column.type) {
    case 'integer': case 'bigint': case 'double': case 'boolean': case 'text':
      return '??';
    case 'date': case 'timestamptz':
      return "to_json(??) #>> '{}'";
    case 'jsonb': case 'text[]':
      return 'to_json(??)::text';
  }
}

function attributes(columns: ColumnDefinition[]): { select: string; bindings: Knex.RawBinding[] } {
  return {
    select: columns.map((c) => `${attributeExpression(c)} AS ??`).join(', '),
    bindings: columns.flatMap((c) => [c.name, c.name]),
  };
}

/**
 * The rows `clearance` may read inside the buffered tile, with the columns it may see, in a stable
 * order so that both encoders see the same features.
 */
function candidates(dataset: Dataset, clearance: PrivacyClass, geometry: string): BoundSql {
  const a = attributes(visibleColumns(dataset, clearance));
  const rows = visibleRows(dataset, clearance);
  return {
    sql: `SELECT ${a.select}${a.select ? ', ' : ''}${geometry} AS geom
FROM ${rows.sql}, bounds
WHERE ${GEOMETRY_COLUMN} && bounds.env4326
ORDER BY ??
LIMIT ${FEATURE_CAP}`,
    bindings: [...a.bindings, ...rows.bindings, dataset.idColumn],
  };
}

const BOUNDS = `bounds AS (
  SELECT env, ST_Transform(ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * ${BUFFER} / ${EXTENT}), 4326) AS env4326
  FROM (SELECT ST_TileEnvelope(?::integer, ?::integer, ?::integer) AS env) e
)`;

/** Native path (a PostGIS built with protobuf): the whole tile layer from ST_AsMVT. */
export function buildNativeTileQuery(dataset: Dataset, clearance: PrivacyClass, layer: string, tile: TileAddress): BoundSql {
  const inner = candidates(dataset, clearance, `ST_AsMVTGeom(ST_Transform(${GEOMETRY_COLUMN}, 3857), bounds.env, ${EXTENT}, ${BUFFER}, true)`);
  return {
    sql: `WITH ${BOUNDS}
SELECT ST_AsMVT(t, ?, ${EXTENT}, 'geom') AS tile FROM (${inner.sql}) t WHERE t.geom IS NOT NULL`,
    bindings: [tile.z, tile.x, tile.y, layer, ...inner.bindings],
  };
}

/**
 * Portable path (the embedded engine has no protobuf): PostGIS clips to the buffered tile and maps to
 * integer tile coordinates (y down); Node encodes the protobuf. Polygons are made counter-clockwise
 * before the y flip, which makes their exterior rings clockwise in tile space as MVT requires.
 */
export function buildPortableTileQuery(dataset: Dataset, clearance: PrivacyClass, tile: TileAddress): BoundSql {
  const projected = `ST_Transform(${dataset.geometryType === 'MultiPolygon' ? `ST_ForcePolygonCCW(${GEOMETRY_COLUMN})` : GEOMETRY_COLUMN}, 3857)`;
  const clipped = dataset.geometryType === 'Point' || dataset.geometryType === 'MultiPoint'
    ? projected
    : `ST_ClipByBox2D(${projected}, ST_Expand(bounds.env, (ST_XMax(bounds.env) - ST_XMin(bounds.env)) * ${BUFFER} / ${EXTENT}))`;
  const scale = `${EXTENT} / (ST_XMax(bounds.env) - ST_XMin(bounds.env))`;
  const toTile = `ST_RemoveRepeatedPoints(ST_SnapToGrid(ST_Affine(${clipped}, ${scale}, 0, 0, -(${scale}), -ST_XMin(bounds.env) * ${scale}, ST_YMax(bounds.env) * ${scale}), 1))`;
  const inner = candidates(dataset, clearance, `ST_AsGeoJSON(${toTile}, 0)`);
  return {
    sql: `WITH ${BOUNDS}
SELECT * FROM (${inner.sql}) t WHERE t.geom IS NOT NULL`,
    bindings: [tile.z, tile.x, tile.y, ...inner.bindings],
  };
}
