import type { Writable } from 'node:stream';
import initSqlJs from 'sql.js';
import type { ColumnType, GeometryType } from '@kbs/core';
import { ENVELOPE, GEOMETRY } from '../downloadQuery';
import { valueText } from '../values';
import { put, type DownloadTable, type DownloadWriter, type RowSource } from './types';

/**
 * OGC GeoPackage 1.4 (an SQLite file) written with sql.js: SQLite compiled to WebAssembly, so nothing
 * native to build or download. sql.js keeps the database in memory until it is exported, so this
 * format's memory grows with the file (the text formats stream).
 */

type SqlJs = Awaited<ReturnType<typeof initSqlJs>>;
let sqlJs: Promise<SqlJs> | null = null;

const COLUMN_TYPE: Record<ColumnType, string> = {
  text: 'TEXT', integer: 'MEDIUMINT', bigint: 'INTEGER', double: 'DOUBLE', boolean: 'BOOLEAN',
  date: 'DATE', timestamptz: 'DATETIME', jsonb: 'TEXT', 'text[]': 'TEXT',
};

const GEOMETRY_TYPE: Record<GeometryType, string> = {
  Point: 'POINT', MultiPoint: 'MULTIPOINT', LineString: 'LINESTRING', MultiLineString: 'MULTILINESTRING', MultiPolygon: 'MULTIPOLYGON',
};

const WGS84_WKT = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** GeoPackage binary: "GP", version 0, flags (little-endian, xy envelope), SRS id, envelope, then WKB. */
function geoPackageGeometry(wkb: Uint8Array, envelope: number[]): Uint8Array {
  const header = Buffer.alloc(8 + 32);
  header.write('GP', 0, 'ascii');
  header.writeUInt8(0, 2);
  header.writeUInt8(0b0000_0011, 3);
  header.writeInt32LE(4326, 4);
  envelope.forEach((v, i) => header.writeDoubleLE(v, 8 + i * 8));
  return Buffer.concat([header, wkb]);
}

function cellValue(value: unknown, type: ColumnType): string | number | null {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value ? 1 : 0;
  if (type === 'integer' || type === 'bigint' || type === 'double') return value as number;
  return valueText(value, type);
}

export const geopackageWriter: DownloadWriter = {
  async write(table: DownloadTable, source: RowSource, out: Writable) {
    const SQL = await (sqlJs ??= initSqlJs());
    const db = new SQL.Database();
    try {
      const name = table.layerName;
      const pk = table.columns.some((c) => c.name === 'fid') ? 'kbs_fid' : 'fid';
      db.run(`PRAGMA application_id = 1196444487; PRAGMA user_version = 10400; PRAGMA page_size = 4096;
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));`);
      db.run(`INSERT INTO gpkg_spatial_ref_sys VALUES
('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
('WGS 84 geodetic', 4326, 'EPSG', 4326, ?, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')`, [WGS84_WKT]);
      const columns = table.columns.map((c) => `${quote(c.name)} ${COLUMN_TYPE[c.type]}`);
      db.run(`CREATE TABLE ${quote(name)} (${quote(pk)} INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, ${[...columns, `geom ${GEOMETRY_TYPE[table.dataset.geometryType!]}`].join(', ')})`);
      const insert = db.prepare(`INSERT INTO ${quote(name)} (${[...table.columns.map((c) => quote(c.name)), 'geom'].join(', ')}) VALUES (${[...table.columns, null].map(() => '?').join(', ')})`);
      const extent = [Infinity, Infinity, -Infinity, -Infinity];
      db.run('BEGIN');
      for await (const row of source.rows('wkb')) {
        const wkb = row[GEOMETRY] as Uint8Array | null;
        const envelope = ENVELOPE.map((k) => row[k] as number);
        let blob: Uint8Array | null = null;
        if (wkb) {
          blob = geoPackageGeometry(wkb, envelope);
          extent[0] = Math.min(extent[0]!, envelope[0]!);
          extent[1] = Math.min(extent[1]!, envelope[1]!);
          extent[2] = Math.max(extent[2]!, envelope[2]!);
          extent[3] = Math.max(extent[3]!, envelope[3]!);
        }
        insert.run([...table.columns.map((c) => cellValue(row[c.name], c.type)), blob]);
      }
      insert.free();
      const bbox = Number.isFinite(extent[0]) ? extent : [null, null, null, null];
      db.run('INSERT INTO gpkg_contents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 4326)', [
        name, 'features', table.dataset.titleTr, table.dataset.descriptionTr, table.timestamp.toISOString(), ...bbox,
      ]);
      db.run("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)", [name, GEOMETRY_TYPE[table.dataset.geometryType!]]);
      db.run('COMMIT');
      const bytes = db.export();
      for (let i = 0; i < bytes.length; i += 1 << 20) await put(out, bytes.subarray(i, i + (1 << 20)));
    } finally {
      db.close();
    }
  },
};
