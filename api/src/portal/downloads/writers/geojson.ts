import type { Writable } from 'node:stream';
import { GEOMETRY } from '../downloadQuery';
import { jsonValue } from '../values';
import { TextBuffer, type DownloadTable, type DownloadWriter, type RowSource } from './types';

/**
 * RFC 7946 GeoJSON: a FeatureCollection in WGS 84 longitude/latitude (no `crs` member), outer rings
 * counter-clockwise (PostGIS forces the winding), properties in catalog order.
 */
export const geojsonWriter: DownloadWriter = {
  async write(table: DownloadTable, source: RowSource, out: Writable) {
    const buffer = new TextBuffer(out);
    const idVisible = table.columns.some((c) => c.name === table.dataset.idColumn);
    await buffer.add('{"type":"FeatureCollection","features":[\n');
    let first = true;
    for await (const row of source.rows('geojson')) {
      const properties: Record<string, unknown> = {};
      for (const c of table.columns) properties[c.name] = jsonValue(row[c.name]);
      const id = idVisible ? `"id":${JSON.stringify(row[table.dataset.idColumn])},` : '';
      const geometry = (row[GEOMETRY] as string | null) ?? 'null';
      await buffer.add(`${first ? '' : ',\n'}{"type":"Feature",${id}"geometry":${geometry},"properties":${JSON.stringify(properties)}}`);
      first = false;
    }
    await buffer.add('\n]}\n');
    await buffer.flush();
  },
};
