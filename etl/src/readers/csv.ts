import fs from 'node:fs';
import { Transform } from 'node:stream';
import Papa from 'papaparse';
import { EtlError } from '../errors';
import { detectEncoding, repairMojibake } from './encoding';
import type { ReadOptions, SourceRecord } from './types';

export type CsvOptions = Pick<ReadOptions, 'encoding' | 'delimiter' | 'columns'>;

const SAMPLE_BYTES = 64 * 1024;

function readSample(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const n = fs.readSync(fd, buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

function decoderStream(encoding: NonNullable<ReadOptions['encoding']>): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
}

/**
 * Streams a delimited text file as records: encoding (UTF-8 with or without BOM, windows-1254,
 * ISO-8859-9) and delimiter detected, CRLF and a last line without newline taken, mojibake repaired
 * value by value and noted.
 */
export async function* readCsv(file: string, options: CsvOptions = {}): AsyncGenerator<SourceRecord> {
  const detected = detectEncoding(readSample(file));
  const encoding = options.encoding ?? detected.encoding;
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
    header: !options.columns,
    skipEmptyLines: 'greedy',
    delimiter: options.delimiter ?? '',
    delimitersToGuess: [',', ';', '\t', '|'],
    transformHeader: (h: string) => h.trim(),
  });
  const input = fs.createReadStream(file);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(decoderStream(encoding)).pipe(parser);
  let row = 0;
  try {
    for await (const raw of parser as AsyncIterable<Record<string, string> | string[]>) {
      row += 1;
      const notes: string[] = [];
      let values: Record<string, unknown>;
      if (Array.isArray(raw)) {
        const columns = options.columns!;
        if (raw.length !== columns.length) {
          yield { position: `line ${row}`, values: {}, error: `has ${raw.length} fields, the mapping names ${columns.length}` };
          continue;
        }
        values = Object.fromEntries(columns.map((c, i) => [c, raw[i]]));
      } else {
        values = raw;
      }
      for (const [key, value] of Object.entries(values)) {
        if (typeof value !== 'string') continue;
        const repaired = repairMojibake(value);
        if (repaired) {
          values[key] = repaired.text;
          notes.push(`mojibake repaired (${repaired.kind})`);
        }
      }
      if (encoding !== 'utf-8' && row === 1) notes.push(`decoded as ${encoding}`);
      // The header is line 1 when there is one; a quoted field spanning lines makes this a lower bound.
      yield { position: `line ${options.columns ? row : row + 1}`, values, ...(notes.length ? { notes } : {}) };
    }
  } catch (error) {
    throw new EtlError(`${file}: could not read as delimited text: ${(error as Error).message}`);
  }
}
