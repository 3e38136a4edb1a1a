import type { Knex } from 'knex';
import QueryStream from 'pg-query-stream';

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
): AsyncGenerator<T> {
  const native = knex.raw(sql, bindings).toSQL().toNative();
  const connection = await knex.client.acquireConnection();
  const stream = new QueryStream(native.sql, native.bindings as unknown[], { batchSize });
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await knex.client.releaseConnection(connection);
  };
  try {
    connection.query(stream);
    for await (const row of stream) yield row as T;
  } finally {
    if (!stream.destroyed) stream.destroy();
    await release();
  }
}
