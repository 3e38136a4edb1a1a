import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { parse as parseHtml } from 'node-html-parser';
import { EtlError } from '../errors';
import { repairMojibake } from './encoding';
import { HeaderRowFinder, isValue, titleNote, type HeaderFound } from './headerRow';
import type { ReadOptions, SourceRecord } from './types';

/** A cell as text or number: formulas give their result, dates ISO text, rich text its plain text. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('result' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in value) return (value as ExcelJS.CellHyperlinkValue).text;
    if ('error' in value) return null;
  }
  return value;
}

function headerNames(cells: unknown[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    const base = String(c ?? '').trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

interface SheetRow {
  line: number;
  cells: unknown[];
}

/**
 * Rows to records: the header found among the first rows (unless the load names the columns); title
 * rows above it are noted on the first record.
 */
async function* rowsToRecords(rows: AsyncIterable<SheetRow> | Iterable<SheetRow>, options: ReadOptions): AsyncGenerator<SourceRecord> {
  let header: string[] | null = options.columns ?? null;
  const finder = new HeaderRowFinder<SheetRow>((row) => row.cells);
  let titleNotes: string[] = [];

  const recordOf = (row: SheetRow, names: string[]): SourceRecord => {
    const notes = titleNotes;
    titleNotes = [];
    const values: Record<string, unknown> = {};
    names.forEach((name, i) => {
      let v = row.cells[i] ?? null;
      if (typeof v === 'string') {
        const repaired = repairMojibake(v);
        if (repaired) {
          v = repaired.text;
          notes.push(`mojibake repaired (${repaired.kind})`);
        }
      }
      values[name] = v;
    });
    return { position: `row ${row.line}`, values, ...(notes.length ? { notes } : {}) };
  };

  function* found(result: HeaderFound<SheetRow> | null): Generator<SourceRecord> {
    if (!result) return;
    const names = headerNames(result.header.cells);
    header = names;
    titleNotes = result.titles.map((t) => titleNote(`row ${t.line}`, t.cells));
    for (const row of result.records) yield recordOf(row, names);
  }

  for await (const row of rows) {
    if (!row.cells.some(isValue)) continue;
    if (header) yield recordOf(row, header);
    else yield* found(finder.offer(row));
  }
  if (!header) yield* found(finder.end());
}

/** The first worksheet of an .xlsx, streamed row by row. */
export async function* readXlsx(file: string, options: ReadOptions = {}): AsyncGenerator<SourceRecord> {
  // Imported on first use: exceljs takes about 2 s to load, which a CSV load should not pay.
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', worksheets: 'emit', styles: 'cache' });
  try {
    for await (const worksheet of reader) {
      async function* rows(): AsyncGenerator<SheetRow> {
        for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
          const cells: unknown[] = [];
          (row.values as ExcelJS.CellValue[]).forEach((v, i) => {
            if (i > 0) cells[i - 1] = cellValue(v);
          });
          yield { line: row.number, cells };
        }
      }
      yield* rowsToRecords(rows(), options);
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof EtlError) throw error;
    throw new EtlError(`${path.basename(file)} is not a readable .xlsx workbook: ${(error as Error).message}`);
  }
}

/**
 * ".xls" files that some government portals export are HTML tables: the first <table> is read,
 * its first row the header.
 */
export async function* readHtmlTable(file: string, options: ReadOptions = {}): AsyncGenerator<SourceRecord> {
  const bytes = fs.readFileSync(file);
  const text = new TextDecoder(options.encoding ?? (/charset=["']?(windows-1254|iso-8859-9)/i.test(bytes.subarray(0, 2048).toString('latin1')) ? 'windows-1254' : 'utf-8')).decode(bytes);
  const table = parseHtml(text).querySelector('table');
  if (!table) throw new EtlError(`${path.basename(file)} has no table`);
  const rows = table.querySelectorAll('tr').map((tr, i) => ({
    line: i + 1,
    cells: tr.querySelectorAll('th,td').map((td) => td.textContent.replace(/\s+/g, ' ').trim() || null),
  }));
  yield* rowsToRecords(rows, options);
}

/** An .xls is either an HTML table in disguise or a binary BIFF workbook (not read: save it as .xlsx). */
export function readXls(file: string, options: ReadOptions = {}): AsyncGenerator<SourceRecord> {
  const head = fs.readFileSync(file).subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('<')) return readHtmlTable(file, options);
  throw new EtlError(`${path.basename(file)} is a binary Excel 97–2003 workbook; save it as .xlsx or CSV`);
}
