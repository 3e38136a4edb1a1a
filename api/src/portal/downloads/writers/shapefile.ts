import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import yazl from 'yazl';
import type { GeometryType } from '@kbs/core';
import { GEOMETRY } from '../downloadQuery';
import { dbfFields, dbfHeader, recordLength, writeDbfRecord } from './dbf';
import type { DownloadTable, DownloadWriter, RowSource } from './types';

/**
 * ESRI Shapefile in a zip: .shp, .shx, .dbf, .prj (WGS 84) and .cpg ("UTF-8"). Written by our code: the
 * npm writers (@mapbox/shp-write) build every file in memory and write DBF text one byte per UTF-16
 * code unit, which breaks Turkish letters; the format is small and fully specified. Headers carry the
 * record count and extent, so the parts are written to scratch files first and zipped after (yazl).
 */

const SHAPE_TYPE: Record<GeometryType, number> = { Point: 1, MultiPoint: 8, LineString: 3, MultiLineString: 3, MultiPolygon: 5 };
const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

type Position = number[];
interface GeoJsonGeometry {
  type: string;
  coordinates: Position | Position[] | Position[][] | Position[][][];
}

class Extent {
  xmin = Infinity;
  ymin = Infinity;
  xmax = -Infinity;
  ymax = -Infinity;
  add(points: Position[]) {
    for (const [x, y] of points) {
      if (x! < this.xmin) this.xmin = x!;
      if (y! < this.ymin) this.ymin = y!;
      if (x! > this.xmax) this.xmax = x!;
      if (y! > this.ymax) this.ymax = y!;
    }
  }
  write(target: Buffer, at: number) {
    const empty = !Number.isFinite(this.xmin);
    [this.xmin, this.ymin, this.xmax, this.ymax].forEach((v, i) => target.writeDoubleLE(empty ? 0 : v, at + i * 8));
  }
}

/** The parts (rings or lines) of a geometry, outer rings clockwise already (PostGIS forced it). */
function partsOf(geometry: GeoJsonGeometry): Position[][] {
  switch (geometry.type) {
    case 'LineString':
    case 'MultiPoint':
      return [geometry.coordinates as Position[]];
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates as Position[][];
    case 'MultiPolygon':
      return (geometry.coordinates as Position[][][]).flat();
    default:
      return [[geometry.coordinates as Position]];
  }
}

/** One shape record's content (without the record header). */
function shapeContent(shapeType: number, geometry: GeoJsonGeometry | null, total: Extent): Buffer {
  if (!geometry) {
    const empty = Buffer.alloc(4);
    empty.writeInt32LE(0, 0);
    return empty;
  }
  const parts = partsOf(geometry);
  const points = parts.flat();
  total.add(points);
  if (shapeType === 1) {
    const content = Buffer.alloc(20);
    content.writeInt32LE(1, 0);
    content.writeDoubleLE(points[0]![0]!, 4);
    content.writeDoubleLE(points[0]![1]!, 12);
    return content;
  }
  const extent = new Extent();
  extent.add(points);
  if (shapeType === 8) {
    const content = Buffer.alloc(40 + 16 * points.length);
    content.writeInt32LE(8, 0);
    extent.write(content, 4);
    content.writeInt32LE(points.length, 36);
    points.forEach(([x, y], i) => {
      content.writeDoubleLE(x!, 40 + i * 16);
      content.writeDoubleLE(y!, 48 + i * 16);
    });
    return content;
  }
  const pointsAt = 44 + 4 * parts.length;
  const content = Buffer.alloc(pointsAt + 16 * points.length);
  content.writeInt32LE(shapeType, 0);
  extent.write(content, 4);
  content.writeInt32LE(parts.length, 36);
  content.writeInt32LE(points.length, 40);
  let start = 0;
  parts.forEach((part, i) => {
    content.writeInt32LE(start, 44 + i * 4);
    start += part.length;
  });
  points.forEach(([x, y], i) => {
    content.writeDoubleLE(x!, pointsAt + i * 16);
    content.writeDoubleLE(y!, pointsAt + 8 + i * 16);
  });
  return content;
}

function mainHeader(shapeType: number, fileBytes: number, extent: Extent): Buffer {
  const header = Buffer.alloc(100);
  header.writeInt32BE(9994, 0);
  header.writeInt32BE(fileBytes / 2, 24);
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(shapeType, 32);
  extent.write(header, 36);
  return header;
}

/**
 * Appends bytes to a file through one reused 1 MiB buffer: no per-record Buffer stays alive between
 * writes (holding the small ones until a flush kept tens of MB of objects on the heap).
 */
class Appender {
  private readonly chunk = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  /** File offset of the chunk's first byte. */
  private position: number;
  constructor(private readonly file: fs.FileHandle, start: number) {
    this.position = start;
  }
  /** Where the next byte added will land. */
  get end(): number {
    return this.position + this.used;
  }
  /** Copies `bytes` in before it returns, so a caller may reuse its buffer. */
  async add(bytes: Buffer) {
    if (this.used + bytes.length > this.chunk.length) await this.flush();
    if (bytes.length > this.chunk.length) {
      await this.file.write(bytes, 0, bytes.length, this.position);
      this.position += bytes.length;
      return;
    }
    bytes.copy(this.chunk, this.used);
    this.used += bytes.length;
  }
  async flush() {
    if (!this.used) return;
    await this.file.write(this.chunk, 0, this.used, this.position);
    this.position += this.used;
    this.used = 0;
  }
}

export const shapefileWriter: DownloadWriter = {
  async write(table: DownloadTable, source: RowSource, out: Writable, scratchDir: string) {
    const shapeType = SHAPE_TYPE[table.dataset.geometryType!];
    const fields = dbfFields(table.columns, await source.extents());
    const stem = table.fileStem;
    const file = (ext: string) => path.join(scratchDir, `${stem}.${ext}`);
    const [shp, shx, dbf] = await Promise.all([fs.open(file('shp'), 'w'), fs.open(file('shx'), 'w'), fs.open(file('dbf'), 'w')]);
    try {
      const total = new Extent();
      const shpOut = new Appender(shp, 100);
      const shxOut = new Appender(shx, 100);
      const dbfOut = new Appender(dbf, dbfHeader(fields, 0, table.timestamp).length);
      const record = Buffer.alloc(recordLength(fields));
      const recordHeader = Buffer.alloc(8);
      const index = Buffer.alloc(8);
      let records = 0;
      for await (const row of source.rows('geojson-cw')) {
        const text = row[GEOMETRY] as string | null;
        const content = shapeContent(shapeType, text ? (JSON.parse(text) as GeoJsonGeometry) : null, total);
        records += 1;
        recordHeader.writeInt32BE(records, 0);
        recordHeader.writeInt32BE(content.length / 2, 4);
        index.writeInt32BE(shpOut.end / 2, 0);
        index.writeInt32BE(content.length / 2, 4);
        await shpOut.add(recordHeader);
        await shpOut.add(content);
        await shxOut.add(index);
        writeDbfRecord(record, 0, fields, row);
        await dbfOut.add(record);
      }
      await dbfOut.add(Buffer.from([0x1a]));
      await Promise.all([shpOut.flush(), shxOut.flush(), dbfOut.flush()]);
      await shp.write(mainHeader(shapeType, shpOut.end, total), 0, 100, 0);
      await shx.write(mainHeader(shapeType, shxOut.end, total), 0, 100, 0);
      const header = dbfHeader(fields, records, table.timestamp);
      await dbf.write(header, 0, header.length, 0);
    } finally {
      await Promise.all([shp.close(), shx.close(), dbf.close()]);
    }
    const zip = new yazl.ZipFile();
    const options = { mtime: table.timestamp, mode: 0o100644 };
    for (const ext of ['shp', 'shx', 'dbf']) zip.addFile(file(ext), `${stem}.${ext}`, options);
    zip.addBuffer(Buffer.from(WGS84_PRJ), `${stem}.prj`, options);
    zip.addBuffer(Buffer.from('UTF-8'), `${stem}.cpg`, options);
    zip.end();
    zip.outputStream.pipe(out, { end: false });
    await once(zip.outputStream, 'end');
  },
};
