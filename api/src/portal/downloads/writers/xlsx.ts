import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ColumnDefinition } from '@kbs/core';
import { valueText } from '../values';
import { geometryCells, geometryHeaders } from './csv';
import type { DownloadTable, DownloadWriter, RowSource } from './types';

/** Excel's limits: rows per sheet (header included) and characters per cell. */
const SHEET_ROWS = 1_048_576;
const CELL_CHARS = 32_767;

function cell(value: unknown, column: ColumnDefinition): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'integer':
    case 'bigint':
    case 'double':
    case 'boolean':
      return value as number | boolean;
    case 'timestamptz':
      return value as Date;
    case 'date':
      // A calendar day, not an instant: midnight UTC is what Excel shows as that day.
      return new Date(`${value as string}T00:00:00Z`);
    default: {
      const text = valueText(value, column.type)!;
      return text.length > CELL_CHARS ? null : text;
    }
  }
}

/**
 * Office Open XML through exceljs's streaming writer (rows are committed and leave memory as they are
 * written; inline strings, no shared-string table). A second sheet describes the columns. More rows
 * than a sheet holds continue on the next data sheet. WKT longer than a cell holds is left empty (the
 * spatial formats carry every geometry).
 */
export const xlsxWriter: DownloadWriter = {
  async write(table: DownloadTable, source: RowSource, out: Writable) {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'Bağcılar Belediyesi — Kent Bilgi Sistemi';
    workbook.created = table.timestamp;
    workbook.modified = table.timestamp;
    const headers = [...table.columns.map((c) => c.name), ...geometryHeaders(table)];
    const formats = [
      ...table.columns.map((c) => (c.type === 'timestamptz' ? 'yyyy-mm-dd hh:mm:ss' : c.type === 'date' ? 'yyyy-mm-dd' : undefined)),
      ...geometryHeaders(table).map(() => undefined),
    ];
    let sheetNumber = 0;
    let sheet: ExcelJS.Worksheet | null = null;
    let rowsInSheet = 0;
    const newSheet = () => {
      sheet?.commit();
      sheetNumber += 1;
      sheet = workbook.addWorksheet(sheetNumber === 1 ? 'veri' : `veri ${sheetNumber}`, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = headers.map((header, i) => ({ header, key: header, width: Math.min(40, Math.max(10, header.length + 2)), ...(formats[i] ? { style: { numFmt: formats[i] } } : {}) }));
      rowsInSheet = 1;
    };
    newSheet();
    for await (const row of source.rows('table')) {
      if (rowsInSheet >= SHEET_ROWS) newSheet();
      const values = [...table.columns.map((c) => cell(row[c.name], c)), ...geometryCells(table, row).map((g) => (typeof g === 'string' && g.length > CELL_CHARS ? null : g))];
      sheet!.addRow(values).commit();
      rowsInSheet += 1;
      // Let the zip stream drain into the file now and then, rather than queue the whole sheet.
      if (rowsInSheet % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    sheet!.commit();
    const dictionary = workbook.addWorksheet('sütunlar');
    dictionary.columns = [
      { header: 'name', key: 'name', width: 24 },
      { header: 'başlık', key: 'titleTr', width: 32 },
      { header: 'title', key: 'titleEn', width: 32 },
      { header: 'type', key: 'type', width: 12 },
      { header: 'unit', key: 'unit', width: 14 },
    ];
    for (const c of table.columns) dictionary.addRow({ name: c.name, titleTr: c.titleTr, titleEn: c.titleEn, type: c.type, unit: c.unit ?? null }).commit();
    dictionary.commit();
    await workbook.commit();
  },
};
