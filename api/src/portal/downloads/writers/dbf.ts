import type { ColumnDefinition } from '@kbs/core';
import type { ColumnExtent } from '../downloadQuery';
import { valueText } from '../values';

/**
 * dBASE III fields for a Shapefile's attribute table. DBF allows names of at most 10 characters and
 * fixed-width fields: text at most 254 bytes (UTF-8, cut on a character boundary; the .cpg says
 * UTF-8), numbers as right-aligned text, dates as YYYYMMDD, logicals as T/F, instants as ISO text.
 */
export interface DbfField {
  column: ColumnDefinition;
  name: string;
  type: 'C' | 'N' | 'L' | 'D';
  length: number;
  decimals: number;
}

const MAX_TEXT = 254;
const NUMBER_WIDTH = 24;

/** Names cut to 10 characters and kept unique: population_year → populati_1 when population_ is taken. */
export function dbfFieldNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((full) => {
    let name = full.slice(0, 10);
    for (let i = 1; taken.has(name); i++) name = `${full.slice(0, 10 - String(i).length - 1)}_${i}`;
    taken.add(name);
    return name;
  });
}

export function dbfFields(columns: ColumnDefinition[], extents: Map<string, ColumnExtent>): DbfField[] {
  const names = dbfFieldNames(columns.map((c) => c.name));
  return columns.map((column, i) => {
    const extent = extents.get(column.name) ?? { maxBytes: 1, maxAbs: 0 };
    const name = names[i]!;
    switch (column.type) {
      case 'integer':
      case 'bigint':
        return { column, name, type: 'N', length: Math.max(String(Math.trunc(extent.maxAbs)).length + 1, 2), decimals: 0 };
      case 'double': {
        // As many decimals as fit beside the integer digits and the sign, at most 15 (what GDAL writes).
        const integerDigits = String(Math.trunc(extent.maxAbs)).length;
        return { column, name, type: 'N', length: NUMBER_WIDTH, decimals: Math.max(0, Math.min(15, NUMBER_WIDTH - integerDigits - 2)) };
      }
      case 'boolean':
        return { column, name, type: 'L', length: 1, decimals: 0 };
      case 'date':
        return { column, name, type: 'D', length: 8, decimals: 0 };
      case 'timestamptz':
        return { column, name, type: 'C', length: 24, decimals: 0 };
      default:
        return { column, name, type: 'C', length: Math.min(MAX_TEXT, Math.max(1, extent.maxBytes)), decimals: 0 };
    }
  });
}

export function dbfHeader(fields: DbfField[], records: number, date: Date): Buffer {
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const header = Buffer.alloc(headerLength);
  header.writeUInt8(0x03, 0);
  header.writeUInt8(date.getUTCFullYear() - 1900, 1);
  header.writeUInt8(date.getUTCMonth() + 1, 2);
  header.writeUInt8(date.getUTCDate(), 3);
  header.writeUInt32LE(records, 4);
  header.writeUInt16LE(headerLength, 8);
  header.writeUInt16LE(recordLength, 10);
  fields.forEach((f, i) => {
    const at = 32 + i * 32;
    header.write(f.name, at, 10, 'latin1');
    header.write(f.type, at + 11, 1, 'latin1');
    header.writeUInt8(f.length, at + 16);
    header.writeUInt8(f.decimals, at + 17);
  });
  header.writeUInt8(0x0d, headerLength - 1);
  return header;
}

export function recordLength(fields: DbfField[]): number {
  return 1 + fields.reduce((n, f) => n + f.length, 0);
}

/** The longest prefix of `text` that fits `bytes` bytes of UTF-8 without splitting a character. */
function utf8Prefix(text: string, bytes: number): Buffer {
  const full = Buffer.from(text, 'utf8');
  if (full.length <= bytes) return full;
  let end = bytes;
  while (end > 0 && (full[end]! & 0xc0) === 0x80) end -= 1;
  return full.subarray(0, end);
}

/** Writes one record (deletion flag, then each field) into `target` at `offset`. */
export function writeDbfRecord(target: Buffer, offset: number, fields: DbfField[], row: Record<string, unknown>): void {
  target.fill(0x20, offset, offset + recordLength(fields));
  let at = offset + 1;
  for (const f of fields) {
    const value = row[f.column.name];
    if (value !== null && value !== undefined) {
      let text: string;
      switch (f.type) {
        case 'N':
          text = f.decimals ? (value as number).toFixed(f.decimals) : String(Math.trunc(value as number));
          if (text.length > f.length) text = '*'.repeat(f.length);
          target.write(text, at + f.length - text.length, 'latin1');
          break;
        case 'L':
          target.write(value ? 'T' : 'F', at, 'latin1');
          break;
        case 'D':
          target.write(String(value).replace(/-/g, '').slice(0, 8), at, 'latin1');
          break;
        default:
          utf8Prefix(valueText(value, f.column.type)!, f.length).copy(target, at);
      }
    }
    at += f.length;
  }
}
