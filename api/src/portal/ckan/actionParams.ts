import { validationError } from './ckanError';

/**
 * An action's parameters as CKAN takes them: from the query string of a GET (every value a string) or
 * the JSON body of a POST (typed). Lists and dictionaries may come as JSON strings either way, as
 * CKAN's own clients send `facet.field` and `filters`.
 */
export type ActionParams = Record<string, unknown>;

export function stringParam(params: ActionParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return stringParam({ [name]: value[value.length - 1] }, name);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw validationError(name, 'Must be a string');
}

export function requiredString(params: ActionParams, name: string): string {
  const value = stringParam(params, name);
  if (value === undefined) throw validationError(name, 'Missing value');
  return value;
}

/** A natural number, with CKAN's messages; `max` clamps silently (CKAN's `rows`, datastore `limit`). */
export function naturalParam(params: ActionParams, name: string, fallback: number, max = Number.POSITIVE_INFINITY): number {
  const raw = stringParam(params, name);
  if (raw === undefined) return Math.min(fallback, max);
  if (!/^\s*-?\d+\s*$/.test(raw)) throw validationError(name, 'Invalid integer');
  const n = Number(raw);
  if (n < 0) throw validationError(name, 'Must be a natural number');
  return Math.min(n, max);
}

export function booleanParam(params: ActionParams, name: string, fallback: boolean): boolean {
  const raw = stringParam(params, name);
  if (raw === undefined) return fallback;
  const lower = raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lower)) return true;
  if (['false', '0', 'no', 'off'].includes(lower)) return false;
  throw validationError(name, 'Must be a boolean (true or false)');
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw validationError(name, 'Could not parse as valid JSON');
  }
}

/** A list of strings: a JSON list, a JSON string of one, or (for `fields`) a comma-separated string. */
export function stringListParam(params: ActionParams, name: string, options: { commaSeparated?: boolean } = {}): string[] | undefined {
  let value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[') || text.startsWith('"')) value = parseJson(name, text);
    else value = options.commaSeparated ? text.split(',').map((s) => s.trim()).filter(Boolean) : [text];
  }
  if (typeof value === 'string') value = [value];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw validationError(name, 'Must be a list of strings');
  return value as string[];
}

/** A dictionary: a JSON object, or a JSON string of one. */
export function objectParam(params: ActionParams, name: string): Record<string, unknown> | undefined {
  let value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') value = parseJson(name, value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw validationError(name, 'Must be a JSON object');
  return value as Record<string, unknown>;
}
