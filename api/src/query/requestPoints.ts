/*
 * Citizen requests as compact binary records for the web map's deck.gl layers (staff only): a
 * million requests are 12 MB instead of ~150 MB of GeoJSON, and the browser hands the decoded arrays
 * to deck.gl as binary attributes without building an object per point.
 *
 * PostgreSQL packs the records itself (float4send/int2send, network byte order), REQUESTS_PER_CHUNK
 * at a time, so Node never holds a row object per request and streams a few hundred chunks.
 *
 * The body: uint32 (big-endian) length of a UTF-8 JSON header { channels, categories } — the codes
 * in the order the records number them — then 12 bytes per request, big-endian:
 *   float32 longitude, float32 latitude (WGS84), uint16 day opened (Istanbul date, days since
 *   1970-01-01), uint8 channel index, uint8 category index (NO_CODE: none).
 */
import type { Knex } from 'knex';
import { streamRows } from '@kbs/core';
import { windowSql, type RequestWindow } from './analyticsQueries';

export const RECORD_BYTES = 12;
export const NO_CODE = 255;
const REQUESTS_PER_CHUNK = 8192;

export interface RequestCodes {
  channels: string[];
  categories: string[];
}

export interface RequestPointFilter extends RequestWindow {
  /** Allowed channel / category codes; null: all. */
  channels: string[] | null;
  categories: string[] | null;
}

/** The channel and category codes of the current version, sorted: the records' indices into them stay put whatever the filter. */
export async function requestCodes(knex: Knex): Promise<RequestCodes> {
  const { rows } = await knex.raw<{ rows: { channels: string[] | null; categories: string[] | null }[] }>(`
SELECT (SELECT array_agg(DISTINCT channel ORDER BY channel) FROM public.citizen_requests WHERE channel IS NOT NULL) AS channels,
       (SELECT array_agg(DISTINCT category ORDER BY category) FROM public.citizen_requests WHERE category IS NOT NULL) AS categories`);
  // A code past index 254 would collide with NO_CODE; the catalog's code lists are far shorter.
  return { channels: (rows[0]?.channels ?? []).slice(0, NO_CODE), categories: (rows[0]?.categories ?? []).slice(0, NO_CODE) };
}

/** The header that precedes the records. */
export function requestPointsHeader(codes: RequestCodes): Buffer {
  const json = Buffer.from(JSON.stringify(codes), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json]);
}

/** The located requests that pass the filter, as chunks of packed records. */
export async function* streamRequestPoints(knex: Knex, codes: RequestCodes, filter: RequestPointFilter): AsyncGenerator<Buffer> {
  const w = windowSql(filter);
  const sql = `
SELECT string_agg(
         float4send(ST_X(r.geom)::real) || float4send(ST_Y(r.geom)::real)
         || int2send(((r.opened_at AT TIME ZONE 'Europe/Istanbul')::date - DATE '1970-01-01')::int2)
         || set_byte(set_byte('\\x0000'::bytea, 0, coalesce(array_position(?::text[], r.channel) - 1, ${NO_CODE})),
                     1, coalesce(array_position(?::text[], r.category) - 1, ${NO_CODE})),
         ''::bytea) AS chunk
FROM (SELECT geom, opened_at, channel, category, (row_number() OVER ()) / ${REQUESTS_PER_CHUNK} AS part
      FROM public.citizen_requests r
      WHERE r.geom IS NOT NULL AND r.opened_at IS NOT NULL AND ${w.sql}
        AND (?::text[] IS NULL OR r.channel = ANY(?::text[]))
        AND (?::text[] IS NULL OR r.category = ANY(?::text[]))) r
GROUP BY r.part`;
  const bindings: Knex.RawBinding[] = [codes.channels, codes.categories, ...w.bindings, filter.channels, filter.channels, filter.categories, filter.categories];
  for await (const row of streamRows<{ chunk: Buffer }>(knex, sql, bindings, 4)) yield row.chunk;
}
