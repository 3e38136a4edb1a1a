import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import yazl from 'yazl';
import type { ColumnDefinition } from '@kbs/core';
import { valueText } from '../values';
import { geometryCells, geometryHeaders } from './csv';
import { TextBuffer, type DownloadTable, type DownloadWriter, type RowSource } from './types';

/**
 * Office Open XML spreadsheet (XLSX) written as a stream: inline strings, numbers, booleans, dates as
 * serial numbers with a date format; a frozen header row; a second sheet describes the columns. Each
 * sheet's XML flows through yazl's deflate into the file with backpressure end to end.
 *
 * Not exceljs: its streaming WorkbookWriter has no backpressure (rows are handed to the zip without
 * waiting), so a 1,000,000-row sheet took 156 s and 700 MB on a busy machine (bench:downloads).
 */

/** Excel's limits: rows per sheet (header included) and characters per cell. */
const SHEET_ROWS = 1_048_576;
const CELL_CHARS = 32_767;
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Style indexes in styles.xml: 0 general, 1 date and time, 2 date. */
const STYLE = { general: 0, instant: 1, day: 2 };

const escapeXml = (text: string) =>
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Days since 1899-12-30, Excel's serial date (UTC). */
const serial = (ms: number) => ms / 86_400_000 + 25_569;

type Cell = { kind: 'text'; text: string } | { kind: 'number'; value: number; style?: number } | { kind: 'boolean'; value: boolean } | null;

function cellOf(value: unknown, column: ColumnDefinition): Cell {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'integer':
    case 'bigint':
    case 'double':
      return Number.isFinite(value) ? { kind: 'number', value: value as number } : null;
    case 'boolean':
      return { kind: 'boolean', value: Boolean(value) };
    case 'timestamptz':
      return { kind: 'number', value: serial((value as Date).getTime()), style: STYLE.instant };
    case 'date':
      return { kind: 'number', value: serial(Date.parse(`${value as string}T00:00:00Z`)), style: STYLE.day };
    default: {
      const text = valueText(value, column.type)!;
      return text.length > CELL_CHARS ? null : { kind: 'text', text };
    }
  }
}

function cellXml(cell: Cell, ref: string): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'text':
      return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.text)}</t></is></c>`;
    case 'boolean':
      return `<c r="${ref}" t="b"><v>${cell.value ? 1 : 0}</v></c>`;
    default:
      return `<c r="${ref}"${cell.style ? ` s="${cell.style}"` : ''}><v>${cell.value}</v></c>`;
  }
}

const SHEET_START = `${XML}<worksheet xmlns="${MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`;
const SHEET_END = '</sheetData></worksheet>';

function rowXml(number: number, cells: Cell[], letters: string[]): string {
  return `<row r="${number}">${cells.map((c, i) => cellXml(c, `${letters[i]}${number}`)).join('')}</row>`;
}

function packageParts(sheetNames: string[], table: DownloadTable): [string, string][] {
  const sheets = sheetNames.map((name, i) => ({ name, path: `worksheets/sheet${i + 1}.xml`, id: `rId${i + 1}` }));
  const at = table.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    ['[Content_Types].xml', `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((s) => `<Override PartName="/xl/${s.path}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`],
    ['_rels/.rels', `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`],
    ['docProps/core.xml', `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeXml(table.dataset.titleTr)}</dc:title><dc:creator>Bağcılar Belediyesi — Kent Bilgi Sistemi</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified></cp:coreProperties>`],
    ['xl/workbook.xml', `${XML}<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="${s.id}"/>`).join('')}</sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `${XML}<Relationships xmlns="${RELS}">${sheets.map((s) => `<Relationship Id="${s.id}" Type="${DOC_RELS}/worksheet" Target="${s.path}"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${DOC_RELS}/styles" Target="styles.xml"/></Relationships>`],
    ['xl/styles.xml', `${XML}<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`],
  ];
}

export const xlsxWriter: DownloadWriter = {
  async write(table: DownloadTable, source: RowSource, out: Writable) {
    const headers = [...table.columns.map((c) => c.name), ...geometryHeaders(table)];
    const letters = headers.map((_, i) => columnLetters(i));
    const dataSheets = Math.max(1, Math.ceil((table.rowCount ?? 0) / (SHEET_ROWS - 1)));
    const sheetNames = [...Array.from({ length: dataSheets }, (_, i) => (i ? `veri ${i + 1}` : 'veri')), 'sütunlar'];
    const options = { mtime: table.timestamp, mode: 0o100644 };
    const zip = new yazl.ZipFile();
    zip.outputStream.pipe(out, { end: false });
    const zipped = once(zip.outputStream, 'end');
    for (const [name, text] of packageParts(sheetNames, table)) zip.addBuffer(Buffer.from(text), name, options);
    const header = rowXml(1, headers.map((text) => ({ kind: 'text', text })), letters);

    let sheet = 0;
    let stream: PassThrough | null = null;
    let buffer: TextBuffer | null = null;
    let rowNumber = 0;
    const nextSheet = async () => {
      if (buffer && stream) {
        await buffer.add(SHEET_END);
        await buffer.flush();
        stream.end();
      }
      sheet += 1;
      if (sheet > dataSheets) throw new Error(`more rows than the ${dataSheets} sheet(s) counted for version ${table.version}`);
      stream = new PassThrough();
      zip.addReadStream(stream, `xl/worksheets/sheet${sheet}.xml`, options);
      buffer = new TextBuffer(stream);
      await buffer.add(SHEET_START + header);
      rowNumber = 1;
    };
    await nextSheet();
    for await (const row of source.rows('table')) {
      if (rowNumber >= SHEET_ROWS) await nextSheet();
      rowNumber += 1;
      const cells: Cell[] = table.columns.map((c) => cellOf(row[c.name], c));
      for (const g of geometryCells(table, row)) {
        cells.push(g === null ? null : typeof g === 'number' ? { kind: 'number', value: g } : g.length > CELL_CHARS ? null : { kind: 'text', text: g });
      }
      await buffer!.add(rowXml(rowNumber, cells, letters));
    }
    while (sheet < dataSheets) await nextSheet();
    await buffer!.add(SHEET_END);
    await buffer!.flush();
    stream!.end();

    // The column dictionary: name, Turkish and English titles, type, unit.
    const dictionaryLetters = ['A', 'B', 'C', 'D', 'E'];
    const text = (t: string | undefined): Cell => (t ? { kind: 'text', text: t } : null);
    const dictionary = [
      rowXml(1, ['name', 'başlık', 'title', 'type', 'unit'].map(text), dictionaryLetters),
      ...table.columns.map((c, i) => rowXml(i + 2, [text(c.name), text(c.titleTr), text(c.titleEn), text(c.type), text(c.unit)], dictionaryLetters)),
    ];
    zip.addBuffer(Buffer.from(SHEET_START + dictionary.join('') + SHEET_END), `xl/worksheets/sheet${dataSheets + 1}.xml`, options);
    zip.end();
    await zipped;
  },
};
