/*
 * A link to a capture at a heading: `?capture=<id>&heading=<degrees>`. Other query parameters (the
 * map's own state) are left as they are.
 */
import { normaliseBearing } from './geometry';

export interface TwinLink {
  capture: string;
  /** Degrees clockwise from north; null: look along the capture's heading. */
  heading: number | null;
}

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

export function parseTwinLink(search: string): TwinLink | null {
  const params = new URLSearchParams(search);
  const capture = params.get('capture');
  if (!capture || !ID.test(capture)) return null;
  const raw = params.get('heading');
  const heading = raw !== null && raw.trim() !== '' && Number.isFinite(Number(raw)) ? normaliseBearing(Number(raw)) : null;
  return { capture, heading };
}

/** The query string with the twin's parameters set (or removed, for null), others kept. */
export function withTwinLink(search: string, link: TwinLink | null): string {
  const params = new URLSearchParams(search);
  params.delete('capture');
  params.delete('heading');
  if (link) {
    params.set('capture', link.capture);
    if (link.heading !== null) params.set('heading', String(Math.round(normaliseBearing(link.heading)) % 360));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
