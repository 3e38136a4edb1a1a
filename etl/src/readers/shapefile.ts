import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Geometry } from 'geojson';
import * as shapefile from 'shapefile';
import { EtlError } from '../errors';
import type { ReadOptions, SourceRecord } from './types';
import { unzipSafely } from './zip';

/** The code page a .cpg names, as a TextDecoder label. */
export function encodingOfCpg(text: string): string {
  const t = text.trim().toUpperCase().replace(/^ANSI\s*/, '');
  if (/^(UTF-?8)$/.test(t)) return 'utf-8';
  if (/^\d{3,4}$/.test(t)) return `windows-${t}`;
  if (/^(ISO|8859)/.test(t)) return `iso-8859-${t.split(/[-_]/).pop()}`;
  return t.toLowerCase();
}

function findParts(files: string[], from: string) {
  const byExt = (ext: string, base?: string) =>
    files.filter((f) => f.toLowerCase().endsWith(ext) && (!base || f.slice(0, -ext.length).toLowerCase() === base.toLowerCase())).sort();
  const shps = byExt('.shp');
  if (shps.length === 0) throw new EtlError(`${from} holds no .shp file (a shapefile needs at least .shp, .shx and .dbf)`);
  const shp = shps[0]!;
  const base = shp.slice(0, -4);
  return { shp, dbf: byExt('.dbf', base)[0], prj: byExt('.prj', base)[0], cpg: byExt('.cpg', base)[0], others: shps.length - 1 };
}

/**
 * A shapefile, zipped (parts may sit in a sub-folder, extensions in any case) or loose beside a .shp:
 * the .cpg decides the text encoding (or the load's), the .prj the CRS (handed to PostGIS as it is);
 * without .prj the load must name the CRS. Null shapes are rejected rows; Z is dropped.
 */
export async function* readShapefile(file: string, options: ReadOptions = {}): AsyncGenerator<SourceRecord> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-shp-'));
  try {
    let files: string[];
    if (file.toLowerCase().endsWith('.zip')) {
      files = await unzipSafely(file, path.join(temp, 'unzipped'));
    } else {
      const dir = path.dirname(file);
      const stem = path.basename(file).replace(/\.shp$/i, '');
      files = fs.readdirSync(dir).filter((f) => f.slice(0, f.lastIndexOf('.')).toLowerCase() === stem.toLowerCase()).map((f) => path.join(dir, f));
    }
    const found = findParts(files, path.basename(file));
    // The shapefile library expects lower-case extensions: link the parts under names it accepts.
    const link = (part: string | undefined, ext: string) => {
      if (!part) return undefined;
      const target = path.join(temp, `layer${ext}`);
      fs.symlinkSync(path.resolve(part), target);
      return target;
    };
    const parts = { ...found, shp: link(found.shp, '.shp')!, dbf: link(found.dbf, '.dbf') };
    link(files.find((f) => f.toLowerCase() === `${found.shp.slice(0, -4)}.shx`.toLowerCase()), '.shx');
    const prj = parts.prj ? fs.readFileSync(parts.prj, 'utf8').trim() : null;
    if (!prj && options.sourceSrid === undefined) {
      throw new EtlError(`${path.basename(file)} has no .prj: give the source CRS (for example --srid 5254 for TUREF / TM30)`);
    }
    const encoding = options.encoding ?? (parts.cpg ? encodingOfCpg(fs.readFileSync(parts.cpg, 'utf8')) : 'windows-1254');
    const crs = options.sourceSrid !== undefined ? `EPSG:${options.sourceSrid}` : prj!;
    let source: Awaited<ReturnType<typeof shapefile.open>>;
    try {
      source = await shapefile.open(parts.shp, parts.dbf, { encoding });
    } catch (error) {
      throw new EtlError(`${path.basename(file)}: the shapefile cannot be opened: ${(error as Error).message}`);
    }
    const notes = [`source CRS from ${options.sourceSrid !== undefined ? 'the load options' : '.prj'}`, ...(parts.others ? [`${parts.others} more .shp in the archive were ignored`] : [])];
    let index = 0;
    for (;;) {
      let result: { done: boolean; value: { properties: Record<string, unknown> | null; geometry: Geometry | null } };
      try {
        result = await source.read();
      } catch (error) {
        throw new EtlError(`${path.basename(file)} is damaged after feature ${index}: ${(error as Error).message}`);
      }
      if (result.done) break;
      index += 1;
      const { properties, geometry } = result.value;
      // dBASE pads text with NULs.
      for (const [k, v] of Object.entries(properties ?? {})) if (typeof v === 'string') properties![k] = v.replace(/\u0000+/g, '').trim();
      const position = `feature ${index}`;
      if (!geometry || !('coordinates' in geometry) || (geometry.coordinates as unknown[]).length === 0) {
        yield { position, values: properties ?? {}, error: 'empty geometry' };
        continue;
      }
      yield { position, values: properties ?? {}, geometry, crs, ...(index === 1 ? { notes } : {}) };
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
