import fs from 'node:fs';
import Papa from 'papaparse';
import type { SourceRecord } from './types';

/** Streams a delimited text file as records keyed by its header row. */
export async function* readCsv(file: string): AsyncGenerator<SourceRecord> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { header: true, skipEmptyLines: 'greedy' });
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  input.pipe(parser);
  let row = 0;
  for await (const values of parser as AsyncIterable<Record<string, string>>) {
    row += 1;
    // +1 for the header line; a quoted field spanning lines makes this a lower bound.
    yield { position: `line ${row + 1}`, values };
  }
}
