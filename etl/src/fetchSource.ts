import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EtlError } from './errors';

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type Fetched = { notModified: true } | { notModified: false; file: string; validators: Validators; cleanup(): void };

const EXTENSION_OF_TYPE: Record<string, string> = {
  'text/csv': '.csv', 'application/csv': '.csv', 'text/plain': '.csv',
  'application/geo+json': '.geojson', 'application/json': '.geojson',
  'application/zip': '.zip', 'application/x-zip-compressed': '.zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.ms-excel': '.xls', 'text/html': '.xls',
};

/**
 * Fetches a URL source into a temporary file, conditionally: with the ETag and Last-Modified of the
 * last load, an unchanged source answers 304 and nothing is downloaded.
 */
export async function fetchSource(url: string, previous: Validators = {}, timeoutMs = 120_000): Promise<Fetched> {
  const headers: Record<string, string> = { 'User-Agent': 'Bagcilar-KBS-ETL/1' };
  if (previous.etag) headers['If-None-Match'] = previous.etag;
  if (previous.lastModified) headers['If-Modified-Since'] = previous.lastModified;
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new EtlError(`${url} could not be fetched: ${(error as Error).message}`);
  }
  if (response.status === 304) return { notModified: true };
  if (!response.ok || !response.body) throw new EtlError(`${url} answered ${response.status} ${response.statusText}`);
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const fromPath = path.extname(new URL(url).pathname).toLowerCase();
  const ext = ['.csv', '.txt', '.tsv', '.geojson', '.json', '.zip', '.xlsx', '.xls'].includes(fromPath) ? fromPath : EXTENSION_OF_TYPE[type] ?? '.csv';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-fetch-'));
  const file = path.join(dir, `source${ext}`);
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), fs.createWriteStream(file));
  return {
    notModified: false,
    file,
    validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
