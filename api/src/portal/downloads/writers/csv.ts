import type { Writable } from 'node:stream';
import { LATITUDE, LONGITUDE, GEOMETRY } from '../downloadQuery';
import { valueText } from '../values';
import { TextBuffer, type DownloadTable, type DownloadWriter, type RowSource } from './types';

export interface CsvDialect {
  delimiter: ',' | ';';
  /** A UTF-8 byte order mark, so that Excel reads the file as UTF-8. */
  bom: boolean;
  /**
   * Excel runs a cell that starts with = + - @ as a formula (CSV injection): such text cells get a
   * leading apostrophe in the Excel variant. Numbers are never touched.
   */
  guardFormulas: boolean;
}

/** The columns of the geometry in table form, named so that they cannot clash with the dataset's. */
export function geometryHeaders(table: DownloadTable): string[] {
  if (!table.dataset.geometryType) return [];
  const taken = new Set(table.columns.map((c) => c.name));
  const free = (name: string) => (taken.has(name) ? `${name}_geom` : name);
  return table.dataset.geometryType === 'Point' ? [free('longitude'), free('latitude')] : [free('wkt')];
}

/** The geometry cells of a row in table form (see geometryHeaders). */
export function geometryCells(table: DownloadTable, row: Record<string, unknown>): (string | number | null)[] {
  if (!table.dataset.geometryType) return [];
  if (table.dataset.geometryType === 'Point') return [row[LONGITUDE] as number | null, row[LATITUDE] as number | null];
  return [row[GEOMETRY] as string | null];
}

const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;
const FORMULA = /^[=+\-@\t\r]/;

/** RFC 4180 CSV: CRLF line ends, fields quoted when they hold the delimiter, a quote or a line break. */
export function csvWriter(dialect: CsvDialect): DownloadWriter {
  const field = (text: string | null, guard: boolean) => {
    if (text === null) return '';
    const safe = guard && FORMULA.test(text) ? `'${text}` : text;
    return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return {
    async write(table: DownloadTable, source: RowSource, out: Writable) {
      const buffer = new TextBuffer(out);
      const d = dialect.delimiter;
      const textColumns = table.columns.map((c) => dialect.guardFormulas && (c.type === 'text' || c.type === 'text[]' || c.type === 'jsonb'));
      await buffer.add(`${dialect.bom ? '\uFEFF' : ''}${[...table.columns.map((c) => c.name), ...geometryHeaders(table)].map((h) => field(h, false)).join(d)}\r\n`);
      for await (const row of source.rows('table')) {
        const cells = table.columns.map((c, i) => field(valueText(row[c.name], c.type), textColumns[i]!));
        // WKT holds commas: quoted like any other field (coordinates are numbers, so no formula guard).
        for (const cell of geometryCells(table, row)) cells.push(field(cell === null ? null : String(cell), false));
        await buffer.add(`${cells.join(d)}\r\n`);
      }
      await buffer.flush();
    },
  };
}
