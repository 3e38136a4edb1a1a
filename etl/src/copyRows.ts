/**
 * Rows → lines of PostgreSQL's COPY text format, with the values the jsonb path would have stored.
 *
 * The jsonb path sends `JSON.stringify(rows)` and lets `jsonb_to_recordset` hand each value to the
 * column type's input function: a string as it is, a number as `numeric` prints it, a boolean as
 * "true"/"false", NaN and undefined as NULL (JSON has neither). COPY hands its fields to the same input
 * functions, so sending those same texts, escaped, stores the same values. Anything whose text would
 * not be the same — an object for a text column, a number JavaScript prints with an exponent, a string
 * that is not well-formed UTF-16 — makes the row "not encodable" and the caller sends it through the
 * jsonb path instead.
 */
import { GEOMETRY_COLUMN, type ColumnDefinition, type ColumnType, type Dataset } from '@kbs/core';
import { ewkbHex } from './ewkb';
import type { Row } from './staging';

export const COPY_NULL = '\\N';
/** Returned by a field encoder for a value only the jsonb path stores faithfully. */
const UNENCODABLE = Symbol('unencodable');
type Field = string | typeof UNENCODABLE;

const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Whether a text holds a backslash, tab, line feed or carriage return (a loop: a third of a regex test's time on short fields). */
function hasSpecial(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 || c === 9 || c === 10 || c === 13) return true;
  }
  return false;
}

/** A text escaped for a field of COPY's text format (tab-delimited, `\N` for NULL). */
export function copyEscape(text: string): string {
  return hasSpecial(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : text;
}

const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();

/** A number as jsonb prints it, or UNENCODABLE; NaN and ±Infinity are JSON null. */
function numberText(n: number): Field | null {
  if (!Number.isFinite(n)) return null;
  const s = String(n);
  return s.includes('e') ? UNENCODABLE : s;
}

/** The text the input function gets from jsonb_to_recordset for a scalar; null for SQL NULL. */
function scalarText(value: unknown): Field | null {
  switch (typeof value) {
    case 'string':
      return wellFormed(value) ? value : UNENCODABLE;
    case 'number':
      return numberText(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return null;
    case 'object':
      if (value === null) return null;
      if (value instanceof Date) {
        const t = value.getTime();
        return Number.isNaN(t) ? null : value.toISOString();
      }
      return UNENCODABLE;
    default:
      return UNENCODABLE;
  }
}

function scalarField(value: unknown): Field {
  const text = scalarText(value);
  return text === null ? COPY_NULL : text === UNENCODABLE ? UNENCODABLE : copyEscape(text);
}

const jsonKeys = new Map<string, string>();

/**
 * JSON.stringify's text for a plain object of finite numbers (what pipelines put in `attributes`),
 * written directly: JSON.stringify cost 0.4 s a million such objects. Undefined for anything else.
 */
function flatNumbersJson(value: object): string | undefined {
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  let json = '{';
  for (const key in value) {
    const n = (value as Record<string, unknown>)[key];
    if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
    let quoted = jsonKeys.get(key);
    if (quoted === undefined) {
      quoted = JSON.stringify(key);
      if (jsonKeys.size < 1000) jsonKeys.set(key, quoted);
    }
    json += `${json.length > 1 ? ',' : ''}${quoted}:${n}`;
  }
  return `${json}}`;
}

function jsonbField(value: unknown): Field {
  if (value === undefined || value === null) return COPY_NULL;
  const json = (typeof value === 'object' ? flatNumbersJson(value) : undefined) ?? JSON.stringify(value);
  return json === undefined ? COPY_NULL : copyEscape(json);
}

/** A JSON array of scalars as a one-dimensional array literal; anything else is left to the jsonb path. */
function arrayField(value: unknown): Field {
  if (value === undefined || value === null) return COPY_NULL;
  if (!Array.isArray(value)) return UNENCODABLE;
  let literal = '{';
  for (let i = 0; i < value.length; i++) {
    const element = value[i];
    if (Array.isArray(element) || (typeof element === 'object' && element !== null && !(element instanceof Date))) return UNENCODABLE;
    const text = scalarText(element);
    if (text === UNENCODABLE) return UNENCODABLE;
    if (i > 0) literal += ',';
    literal += text === null ? 'NULL' : `"${text.replace(/[\\"]/g, '\\$&')}"`;
  }
  return copyEscape(`${literal}}`);
}

export function fieldEncoder(type: ColumnType): (value: unknown) => Field {
  if (type === 'jsonb') return jsonbField;
  if (type === 'text[]') return arrayField;
  return scalarField;
}

/** The columns COPY names, in order: the version, the catalogued columns, the geometry. */
export function copyColumns(dataset: Dataset): string[] {
  return ['_version', ...dataset.columns.filter((c) => c.name !== GEOMETRY_COLUMN).map((c) => c.name), ...(dataset.geometryType ? [GEOMETRY_COLUMN] : [])];
}

export interface RowEncoder {
  /** One COPY line (with its newline), or undefined when the row must go through the jsonb path. */
  (row: Row): string | undefined;
}

/**
 * The encoder of a dataset's rows for `COPY … (copyColumns(dataset)) FROM STDIN`. Geometry goes as
 * hex EWKB in SRID 4326, 2D, made Multi* for Multi* datasets; reprojection is the caller's.
 */
export function rowEncoder(dataset: Dataset, version: number): RowEncoder {
  const columns: ColumnDefinition[] = dataset.columns.filter((c) => c.name !== GEOMETRY_COLUMN);
  const names = columns.map((c) => c.name);
  const encoders = columns.map((c) => fieldEncoder(c.type));
  const prefix = String(Number(version));
  const geometry = dataset.geometryType !== null;
  const multi = dataset.geometryType?.startsWith('Multi') ?? false;
  return (row) => {
    let line = prefix;
    for (let i = 0; i < names.length; i++) {
      const field = encoders[i]!(row[names[i]!]);
      if (field === UNENCODABLE) return undefined;
      line += `\t${field}`;
    }
    if (geometry) {
      const g = row[GEOMETRY_COLUMN];
      let field: string | undefined = COPY_NULL;
      if (g !== null && g !== undefined) field = ewkbHex(g, { multi });
      if (field === undefined) return undefined;
      line += `\t${field}`;
    }
    return `${line}\n`;
  };
}
