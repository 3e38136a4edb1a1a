import type { ColumnType } from '@kbs/core';

/**
 * One spelling of a value as text for every text-based format (CSV, KML, DBF, XLSX's WKT-free cells):
 * numbers with a decimal point (machine-readable in every locale), instants in ISO 8601 UTC, lists
 * joined by "; ", JSON as JSON; null as null.
 */
export function valueText(value: unknown, type: ColumnType): string | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'timestamptz':
      return value instanceof Date ? value.toISOString() : String(value);
    case 'jsonb':
      return JSON.stringify(value);
    case 'text[]':
      return Array.isArray(value) ? value.join('; ') : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return String(value);
  }
}

/** A value as JSON wants it (GeoJSON properties): instants as ISO strings, the rest as the driver gave it. */
export function jsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}
