import type { Geometry } from 'geojson';

/** Small parsers shared by the pipelines; each returns undefined when the value is not usable. */

export function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

export function integer(value: unknown): number | undefined {
  const s = text(value);
  if (s === undefined) return undefined;
  const n = Number(s);
  return Number.isFinite(n) && Number.isInteger(n) ? n : undefined;
}

export function decimal(value: unknown): number | undefined {
  const s = text(value);
  if (s === undefined) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export function boolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const s = text(value)?.toLowerCase();
  if (s === undefined) return undefined;
  if (['true', '1', 'evet', 'yes', 'e'].includes(s)) return true;
  if (['false', '0', 'hayır', 'hayir', 'no', 'h'].includes(s)) return false;
  return undefined;
}

/**
 * Whether a text starts with a "YYYY-MM-DD" day that exists: Date.parse rolls "2024-02-30" over to
 * 1 March, where PostgreSQL refuses it (and the whole load with it).
 */
export function isCalendarDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function timestamp(value: unknown): string | undefined {
  const s = text(value);
  if (s === undefined) return undefined;
  return Number.isNaN(Date.parse(s)) ? undefined : s;
}

/** A WGS84 point from latitude/longitude values, or undefined when either is missing or out of range. */
export function point(latitude: unknown, longitude: unknown): Geometry | undefined {
  const lat = decimal(latitude);
  const lon = decimal(longitude);
  if (lat === undefined || lon === undefined || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { type: 'Point', coordinates: [lon, lat] };
}
