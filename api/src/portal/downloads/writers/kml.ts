import type { Writable } from 'node:stream';
import type { ColumnType } from '@kbs/core';
import { GEOMETRY } from '../downloadQuery';
import { valueText } from '../values';
import { TextBuffer, type DownloadTable, type DownloadWriter, type RowSource } from './types';

const SIMPLE_FIELD_TYPE: Record<ColumnType, string> = {
  text: 'string', integer: 'int', bigint: 'double', double: 'double', boolean: 'bool',
  date: 'string', timestamptz: 'string', jsonb: 'string', 'text[]': 'string',
};

// XML 1.0 forbids most control characters even escaped.
const escapeXml = (text: string) =>
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * KML 2.2: one Folder of Placemarks, attributes as typed ExtendedData/SchemaData against a Schema
 * (what GDAL and Google Earth read as fields), geometry from PostGIS's ST_AsKML.
 */
export const kmlWriter: DownloadWriter = {
  async write(table: DownloadTable, source: RowSource, out: Writable) {
    const buffer = new TextBuffer(out);
    const schemaId = table.layerName;
    const title = escapeXml(table.dataset.titleTr);
    await buffer.add(`<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document id="root_doc">
<name>${title}</name>
<Schema name="${escapeXml(schemaId)}" id="${escapeXml(schemaId)}">
${table.columns.map((c) => `<SimpleField name="${c.name}" type="${SIMPLE_FIELD_TYPE[c.type]}"></SimpleField>`).join('\n')}
</Schema>
<Folder><name>${escapeXml(schemaId)}</name>
`);
    const idVisible = table.columns.some((c) => c.name === table.dataset.idColumn);
    for await (const row of source.rows('kml')) {
      const data = table.columns
        .map((c) => [c.name, valueText(row[c.name], c.type)] as const)
        .filter(([, v]) => v !== null)
        .map(([name, v]) => `<SimpleData name="${name}">${escapeXml(v!)}</SimpleData>`)
        .join('');
      const name = idVisible && row[table.dataset.idColumn] !== null ? `<name>${escapeXml(String(row[table.dataset.idColumn]))}</name>` : '';
      const geometry = (row[GEOMETRY] as string | null) ?? '';
      await buffer.add(`<Placemark>${name}<ExtendedData><SchemaData schemaUrl="#${escapeXml(schemaId)}">${data}</SchemaData></ExtendedData>${geometry}</Placemark>\n`);
    }
    await buffer.add('</Folder>\n</Document>\n</kml>\n');
    await buffer.flush();
  },
};
