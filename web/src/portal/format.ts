import type { Language } from '../i18n';

const LOCALE: Record<Language, string> = { tr: 'tr-TR', en: 'en-GB' };
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1536 → "1,5 KB" (tr) / "1.5 KB" (en); binary steps, as file managers show them. */
export function formatBytes(bytes: number, lang: Language): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)} ${UNITS[unit]}`;
}

/**
 * A date as people read it in the page's language. CKAN timestamps are naive UTC
 * ("2026-12-02T10:00:00.123"): read as UTC, shown in Istanbul time.
 */
export function formatDate(value: string, lang: Language, withTime = false): string {
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(LOCALE[lang], {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Europe/Istanbul',
  }).format(date);
}

export function formatCount(value: number, lang: Language): string {
  return new Intl.NumberFormat(LOCALE[lang]).format(value);
}

/** A signed difference: "+12", "−3" (a real minus sign), "0". */
export function formatDelta(value: number, lang: Language): string {
  const text = formatCount(Math.abs(value), lang);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}
