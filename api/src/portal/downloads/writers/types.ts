import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ColumnDefinition, Dataset } from '@kbs/core';
import type { ColumnExtent, DownloadRow, GeometryEncoding } from '../downloadQuery';

/** What a writer knows of the table it writes; nothing of SQL or HTTP. */
export interface DownloadTable {
  dataset: Dataset;
  version: number;
  /** The columns the caller may see, in catalog order. */
  columns: ColumnDefinition[];
  /** Name of the layer or table inside a file (the dataset id). */
  layerName: string;
  /** The ASCII file name without extension: names the members of an archive. */
  fileStem: string;
  /** Rows in the version, as the ETL counted them (sheets of a spreadsheet are planned from it). */
  rowCount: number | null;
  /** A fixed instant written where a format wants a date (the version's creation), so a file regenerates alike. */
  timestamp: Date;
}

export interface RowSource {
  rows(encoding: GeometryEncoding): AsyncIterable<DownloadRow>;
  extents(): Promise<Map<string, ColumnExtent>>;
}

export interface DownloadWriter {
  write(table: DownloadTable, source: RowSource, out: Writable, scratchDir: string): Promise<void>;
}

/** Writes with backpressure: waits for the sink to drain rather than buffer without bound. */
export async function put(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Collects small strings into ~64 KiB writes. */
export class TextBuffer {
  private parts: string[] = [];
  private length = 0;
  constructor(private readonly out: Writable) {}
  async add(text: string): Promise<void> {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= 65_536) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.parts.length) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.length = 0;
    await put(this.out, chunk);
  }
}
