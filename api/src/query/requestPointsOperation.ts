import { Readable } from 'node:stream';
import { invalidParameter, type Database } from '@kbs/core';
import { operation } from '../http/operation';
import { requestCodes, requestPointsHeader, streamRequestPoints, RECORD_BYTES } from './requestPoints';
import { checkedWindow, FROM, TO, type Window } from './spatialOperations';

const CODES = { type: 'string', pattern: '^[a-z0-9_]+(,[a-z0-9_]+)*$', maxLength: 1000 };

/** A comma-separated list of codes, each one the data has; undefined: no filter. */
function checkedCodes(raw: string | undefined, known: string[], parameter: string): string[] | null {
  if (raw === undefined) return null;
  const codes = [...new Set(raw.split(','))];
  const unknown = codes.find((c) => !known.includes(c));
  if (unknown !== undefined) throw invalidParameter(parameter, `${parameter} "${unknown}" is not one of ${known.join(', ')}`);
  return codes;
}

/** Every located citizen request as binary records, for the web map's heatmap and hexagons (staff only). */
export function requestPointsOperations(db: Database) {
  return [
    operation<Window & { channel?: string; category?: string }>({
      method: 'get',
      permission: 'read-internal',
      path: '/api/requests/points',
      operationId: 'requestPoints',
      tag: 'Analizler / Analytics',
      summary: 'Talep noktaları (ikili) / Citizen-request points (binary)',
      description: `For signed-in staff. A uint32 (big-endian) length and a JSON header {channels, categories}, then ${RECORD_BYTES} bytes per request, big-endian: float32 longitude, float32 latitude, uint16 day opened (Istanbul date, days since 1970-01-01), uint8 channel index, uint8 category index (255: none). Streamed; the public gets the published citizen_request_counts dataset instead.`,
      parameters: {
        from: FROM,
        to: TO,
        channel: { in: 'query', description: 'Channel codes separated by commas (default: all)', schema: CODES },
        category: { in: 'query', description: 'Category codes separated by commas (default: all)', schema: CODES },
      },
      responses: { 200: { description: 'Header and records', type: 'application/octet-stream' }, 400: { description: 'A parameter is not valid' } },
      async handle(ctx, { params }) {
        const window = checkedWindow(params);
        const codes = await requestCodes(db.knex);
        const filter = { ...window, channels: checkedCodes(params.channel, codes.channels, 'channel'), categories: checkedCodes(params.category, codes.categories, 'category') };
        async function* body() {
          yield requestPointsHeader(codes);
          yield* streamRequestPoints(db.knex, codes, filter);
        }
        ctx.type = 'application/octet-stream';
        ctx.body = Readable.from(body());
      },
    }),
  ];
}
