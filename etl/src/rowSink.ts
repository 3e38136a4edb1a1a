import type { Knex } from 'knex';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { GEOMETRY_COLUMN, SQL_TYPE, type Dataset } from '@kbs/core';
import { copyColumns, rowEncoder, type RowEncoder } from './copyRows';
import { insertRows, insertRowsStatement, partitionName, type Row } from './staging';

/**
 * Where the loader puts the accepted rows of one dataset version. Two ways, one contract:
 * - `insert`: batches through the jsonb statement (`insertRows`), each batch committed on its own;
 *   the embedded engine's way (PGlite behind a socket has no COPY FROM STDIN).
 * - `copy`: one transaction on one pooled connection streaming `COPY … FROM STDIN` into the version's
 *   partition (or, when the geometry must be reprojected, into a temporary table that one
 *   `INSERT … SELECT ST_Transform(…)` empties into the partition at the end).
 * Either way nothing is visible until the loader attaches and switches the partition, and a load that
 * fails or is killed leaves at most an empty or partly filled detached partition for the next load to drop.
 */
export interface RowSink {
  /**
   * Takes rows in the source CRS ("EPSG:n" or WKT). Returns a promise when the caller must wait before
   * writing more (a batch is being inserted, PostgreSQL is behind), and nothing otherwise: rows go one
   * record at a time without a promise each.
   */
  write(rows: Row[], sourceCrs: string): Promise<void> | undefined;
  /** Everything written is in the partition. */
  finish(): Promise<void>;
  /** Gives up: what the sink holds is rolled back and its connection released. Never throws. */
  abort(): Promise<void>;
}

export type Loader = 'copy' | 'insert';

const probed = new WeakMap<Knex, Promise<Loader>>();

/** `copy` on a real PostgreSQL, `insert` on the embedded engine (PGlite); asked once per knex instance. */
export function defaultLoader(knex: Knex): Promise<Loader> {
  let loader = probed.get(knex);
  if (!loader) {
    loader = knex.raw<{ rows: { v: string }[] }>('SELECT version() AS v')
      .then(({ rows }) => (/pglite|emscripten|wasm/i.test(rows[0]?.v ?? '') ? 'insert' : 'copy') as Loader);
    probed.set(knex, loader);
  }
  return loader;
}

export function openRowSink(loader: Loader, knex: Knex, dataset: Dataset, version: number, options: { batchSize?: number } = {}): RowSink {
  return loader === 'copy' ? new CopySink(knex, dataset, version) : new InsertSink(knex, dataset, version, options.batchSize ?? 2000);
}

class InsertSink implements RowSink {
  private batch: Row[] = [];
  private crs = 'EPSG:4326';

  constructor(private readonly knex: Knex, private readonly dataset: Dataset, private readonly version: number, private readonly batchSize: number) {}

  write(rows: Row[], sourceCrs: string): Promise<void> | undefined {
    for (const row of rows) this.batch.push(row);
    // A batch is sent in the CRS known when it is sent (as the loader always did).
    this.crs = sourceCrs;
    return this.batch.length >= this.batchSize ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    const rows = this.batch;
    if (rows.length === 0) return;
    this.batch = [];
    await insertRows(this.knex, this.dataset, this.version, rows, this.crs);
  }

  finish(): Promise<void> {
    return this.flush();
  }

  async abort(): Promise<void> {
    this.batch = [];
  }
}

/** The node-postgres client knex pools (only what is used here). */
interface PgClient {
  query(stream: CopyStreamQuery): CopyStreamQuery;
  query(sql: string, values?: unknown[]): Promise<unknown>;
  end(): Promise<void>;
  __knex__disposed?: unknown;
}

/** Bytes queued in the COPY stream before a write waits for PostgreSQL to take them. */
const COPY_HIGH_WATER_MARK = 1 << 20;
/**
 * Encoded rows are written as UTF-8 straight into a buffer of this size and sent when it is full:
 * no string to concatenate and flatten per chunk, and nothing for the GC to promote.
 */
const CHUNK_BYTES = 256 * 1024;
/** Encoded lines are joined into a text of about this many characters before it is written into the chunk. */
const TEXT_CHARS = 16 * 1024;
/** Rows COPY cannot carry (see copyRows.ts) wait for a jsonb insert in batches of this size. */
const PENDING_BATCH = 2000;
/** How long an abort waits for PostgreSQL to end a COPY before it drops the connection instead. */
const ABORT_TIMEOUT_MS = 10_000;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

class CopySink implements RowSink {
  private client: PgClient | null = null;
  /** The CRS the COPY's geometries are in: fixed by the first batch. */
  private crs = 'EPSG:4326';
  /** Reprojection needed: COPY into a temporary table, transform on the way into the partition. */
  private staged = false;
  private stream: CopyStreamQuery | null = null;
  private failure: Error | null = null;
  private pending: Row[] = [];
  /** Encoded rows not yet handed to the COPY stream. */
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private chunkBytes = 0;
  /** Encoded lines not yet written into the chunk. */
  private text = '';
  private finished = false;
  private readonly encode: RowEncoder;
  private readonly partition: string;

  constructor(private readonly knex: Knex, private readonly dataset: Dataset, private readonly version: number) {
    this.encode = rowEncoder(dataset, version);
    this.partition = partitionName(dataset, version);
  }

  private get tempTable(): string {
    return quoteIdent(`kbs_copy_${this.partition}`.slice(0, 63));
  }

  private async open(sourceCrs: string): Promise<void> {
    this.client = (await this.knex.client.acquireConnection()) as PgClient;
    this.crs = sourceCrs;
    this.staged = this.dataset.geometryType !== null && sourceCrs !== 'EPSG:4326';
    await this.client.query('BEGIN');
    // Emptied in this transaction, the partition takes COPY FREEZE: rows are written frozen and
    // all-visible (no hint-bit rewrite on the first reads), and with wal_level=minimal without WAL.
    await this.client.query(`TRUNCATE data.${quoteIdent(this.partition)}`);
    if (this.staged) {
      const columns = this.dataset.columns.filter((c) => c.name !== GEOMETRY_COLUMN)
        .map((c) => `${quoteIdent(c.name)} ${SQL_TYPE[c.type]}`);
      await this.client.query(`CREATE TEMPORARY TABLE ${this.tempTable} (_version integer, ${columns.join(', ')}, ${GEOMETRY_COLUMN} geometry) ON COMMIT DROP`);
    }
  }

  private columnList(): string {
    return copyColumns(this.dataset).map(quoteIdent).join(', ');
  }

  private startCopy(): CopyStreamQuery {
    if (this.stream) return this.stream;
    const target = this.staged ? this.tempTable : `data.${quoteIdent(this.partition)}`;
    const stream = copyFrom(`COPY ${target} (${this.columnList()}) FROM STDIN WITH (FREEZE)`, { highWaterMark: COPY_HIGH_WATER_MARK });
    stream.on('error', (error: Error) => {
      this.failure ??= error;
    });
    this.client!.query(stream);
    this.stream = stream;
    return stream;
  }

  /** Resolves when the COPY stream has room again (or rejects with what PostgreSQL reported). */
  private drained(stream: CopyStreamQuery): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        stream.off('drain', onDrain);
        stream.off('error', onError);
        stream.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onError = (error: Error) => done(error);
      const onClose = () => done(this.failure ?? new Error('the COPY stream closed'));
      stream.on('drain', onDrain);
      stream.on('error', onError);
      stream.on('close', onClose);
    });
  }

  /** The lines gathered as text into the chunk as UTF-8 (the whole chunk to the COPY first when it has no room). */
  private writeText(): void {
    const text = this.text;
    if (text === '') return;
    this.text = '';
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.chunkBytes + text.length * 3 > CHUNK_BYTES) {
      // Within one batch of rows: the wait for room comes at the end of the batch (write()).
      this.pushChunk();
      if (text.length * 3 > CHUNK_BYTES) {
        this.startCopy().write(text);
        return;
      }
    }
    this.chunkBytes += this.chunk.write(text, this.chunkBytes);
  }

  /** Hands the encoded rows to the COPY; whether its buffer has room for more. */
  private flushChunk(): boolean {
    this.writeText();
    return this.pushChunk();
  }

  private pushChunk(): boolean {
    if (this.chunkBytes === 0) return true;
    // The stream keeps the bytes until they are sent: the next rows go into a new buffer.
    const room = this.startCopy().write(this.chunk.subarray(0, this.chunkBytes));
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.chunkBytes = 0;
    return room;
  }

  /** Hands the encoded rows to the COPY; a promise when PostgreSQL is behind. */
  private sendChunk(): Promise<void> | undefined {
    return this.flushChunk() ? undefined : this.drained(this.startCopy());
  }

  /** Ends the running COPY (if any); resolves when PostgreSQL has taken every row of it. */
  private async endCopy(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    this.stream = null;
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      stream.once('finish', () => resolve());
      stream.once('error', reject);
      stream.end();
    });
  }

  /** The rows COPY cannot carry, through the jsonb statement on this connection and transaction. */
  private async insertPending(rows: Row[], sourceCrs: string): Promise<void> {
    if (rows.length === 0) return;
    await this.sendChunk();
    await this.endCopy();
    const { sql, bindings } = insertRowsStatement(this.dataset, this.version, rows, sourceCrs);
    const native = this.knex.raw(sql, bindings).toSQL().toNative();
    await this.client!.query(native.sql, native.bindings as unknown[]);
  }

  /** One encoded line, gathered with the next ones: one UTF-8 write per line cost 0.7 s a million rows. */
  private append(line: string): void {
    this.text += line;
    if (this.text.length >= TEXT_CHARS) this.writeText();
  }

  write(rows: Row[], sourceCrs: string): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.finished) return Promise.reject(new Error(`rows written to ${this.partition} after its sink was closed`));
    if (!this.client || sourceCrs !== this.crs) return this.writeSlowly(rows, sourceCrs);
    for (const row of rows) {
      const line = this.encode(row);
      if (line === undefined) this.pending.push(row);
      else this.append(line);
    }
    if (this.pending.length >= PENDING_BATCH) return this.insertPending(this.pending.splice(0), this.crs);
    if (this.chunkBytes >= CHUNK_BYTES / 2) return this.sendChunk();
    return this.stream?.writableNeedDrain ? this.drained(this.stream) : undefined;
  }

  /** The first rows (the connection is opened), and rows in another CRS than the first ones. */
  private async writeSlowly(rows: Row[], sourceCrs: string): Promise<void> {
    if (!this.client) {
      await this.open(sourceCrs);
      await this.write(rows, sourceCrs);
      return;
    }
    // The CRS changed under the load (records without one first): these rows go as the jsonb path sends them.
    await this.insertPending(this.pending.splice(0), this.crs);
    await this.insertPending(rows, sourceCrs);
  }

  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const client = this.client;
    if (!client) return;
    if (this.failure) throw this.failure;
    await this.sendChunk();
    await this.endCopy();
    await this.insertPending(this.pending.splice(0), this.crs);
    if (this.staged) {
      const columns = copyColumns(this.dataset).map(quoteIdent);
      const select = columns.map((c) => (c === quoteIdent(GEOMETRY_COLUMN) ? `ST_Transform(${c}, $1::text, 4326)` : c));
      await client.query(`INSERT INTO data.${quoteIdent(this.partition)} (${columns.join(', ')}) SELECT ${select.join(', ')} FROM ${this.tempTable}`, [this.crs]);
    }
    await client.query('COMMIT');
    this.client = null;
    await this.knex.client.releaseConnection(client);
  }

  async abort(): Promise<void> {
    this.finished = true;
    this.pending = [];
    this.chunkBytes = 0;
    this.text = '';
    const client = this.client;
    if (!client) return;
    this.client = null;
    const stream = this.stream;
    this.stream = null;
    try {
      if (stream && !stream.destroyed && !this.failure) {
        // CopyFail: PostgreSQL ends the COPY with an error and the connection is ready again.
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no answer to CopyFail')), ABORT_TIMEOUT_MS);
          stream.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          stream.destroy(new Error('load aborted'));
        });
      }
      await client.query('ROLLBACK');
    } catch (error) {
      // The connection is in no state to be reused: let the pool drop it (its session rolls back).
      client.__knex__disposed = error;
      await client.end().catch(() => {});
    }
    await this.knex.client.releaseConnection(client).catch(() => {});
  }
}
