import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Context } from 'koa';
import { AppError, invalidParameter } from '@kbs/core';

export interface ReceivedUpload {
  fields: Record<string, string>;
  file: { path: string; name: string; bytes: number };
  /** Removes the temporary folder. */
  cleanup(): void;
}

const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 64 * 1024;

/** A safe local name that keeps the extension (the readers choose by it). */
export function safeFileName(raw: string): string {
  const base = path.basename(raw.replace(/\\/g, '/')).normalize('NFC');
  const cleaned = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '');
  return cleaned.slice(-120) || 'upload';
}

/**
 * Streams a multipart upload (one file, a few text fields) to a temporary folder, never holding the
 * file in memory; a file over `maxBytes` is a 413 and nothing is kept.
 */
export async function receiveUpload(ctx: Context, maxBytes: number): Promise<ReceivedUpload> {
  if (!ctx.is('multipart/form-data')) throw invalidParameter('Content-Type', 'send the file as multipart/form-data');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-upload-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const fields: Record<string, string> = {};
    let file: ReceivedUpload['file'] | null = null;
    let failure: AppError | null = null;
    const writes: Promise<void>[] = [];
    const parser = busboy({ headers: ctx.req.headers, limits: { files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, fileSize: maxBytes } });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) failure ??= invalidParameter(name, `${name} is longer than ${MAX_FIELD_BYTES} bytes`);
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        failure ??= invalidParameter(name, `unexpected file field "${name}"; send the file as "file"`);
        stream.resume();
        return;
      }
      const target = path.join(dir, safeFileName(info.filename ?? 'upload'));
      const current = { path: target, name: info.filename ?? 'upload', bytes: 0 };
      file = current;
      stream.on('data', (chunk: Buffer) => (current.bytes += chunk.length));
      stream.on('limit', () => {
        failure ??= new AppError(413, 'payload-too-large', 'Dosya çok büyük / File too large', `The file is larger than ${Math.round(maxBytes / 1048576)} MB.`, { parameter: 'file' });
      });
      writes.push(pipeline(stream, fs.createWriteStream(target)));
    });
    parser.on('filesLimit', () => (failure ??= invalidParameter('file', 'send one file per upload')));
    parser.on('fieldsLimit', () => (failure ??= invalidParameter('body', `at most ${MAX_FIELDS} fields`)));
    try {
      await pipeline(ctx.req, parser);
      await Promise.all(writes);
    } catch {
      throw invalidParameter('body', 'the multipart body is malformed or was cut off');
    }
    if (failure) throw failure;
    if (!file) throw invalidParameter('file', 'file is required');
    return { fields, file, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
