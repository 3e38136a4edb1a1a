import type { Knex } from 'knex';
import QueryStream from 'pg-query-stream';

export interface StreamOptions {
  /** Rows fetched per round trip. */
  batchSize?: number;
  /**
   * The statement timeout of this stream's connection while it runs (0 = none), back to the
   * connection's own after. On PostgreSQL the timeout covers the cursor's whole life, so a stream that
   * is meant to run long (a whole-dataset download) must say so.
   */
  statementTimeoutMs?: number;
}

/**
 * Streams the rows of a query through a server-side cursor, so memory stays flat however many rows
 * come back. `sql` uses knex placeholders (`?`, `??`); values are bound, never pasted.
 * The connection is held until the iteration ends or is abandoned.
 */
export async function* streamRows<T = Record<string, unknown>>(
  knex: Knex,
  sql: string,
  bindings: readonly Knex.RawBinding[],
  batchSize = 500,
  options: Omit<StreamOptions, 'batchSize'> = {},
): AsyncGenerator<T> {
  const native = knex.raw(sql, bindings).toSQL().toNative();
  const connection = await knex.client.acquireConnection();
  const stream = new QueryStream(native.sql, native.bindings as unknown[], { batchSize });
  const timeout = options.statementTimeoutMs;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    try {
      // RESET goes back to the value the connection started with (the API's STATEMENT_TIMEOUT_MS).
      if (timeout !== undefined) await connection.query('RESET statement_timeout');
    } finally {
      await knex.client.releaseConnection(connection);
    }
  };
  try {
    if (timeout !== undefined) await connection.query(`SET statement_timeout = ${Math.max(0, Math.round(timeout))}`);
    connection.query(stream);
    for await (const row of stream) yield row as T;
  } finally {
    if (!stream.destroyed) stream.destroy();
    await release();
  }
}
