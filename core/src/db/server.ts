import knexFactory from 'knex';
import type { Database, OpenDatabaseOptions } from './database';
import './types';

/** A real PostgreSQL + PostGIS through a `pg` pool. */
export async function openServerDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const knex = knexFactory({
    client: 'pg',
    // Parallel plans made small tile and lookup queries up to 18x slower on PostgreSQL 15; the API's
    // short queries run better without them.
    // Short connect and acquire timeouts: when the database is gone, callers get a 503 within 2 s.
    connection: {
      connectionString: options.databaseUrl!,
      connectionTimeoutMillis: 1500,
      // JIT compiled for 258 ms in a 2.9 s page of items: the API's queries are short, JIT does not pay.
      options: `-c max_parallel_workers_per_gather=0 -c jit=off${options.statementTimeoutMs ? ` -c statement_timeout=${Math.round(options.statementTimeoutMs)}` : ''}`,
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: 1800,
  });
  await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
  let closed = false;
  return {
    engine: 'server',
    knex,
    async postgisVersion() {
      const result = await knex.raw<{ rows: { v: string }[] }>('SELECT postgis_version() AS v');
      return result.rows[0]!.v;
    },
    async close() {
      if (closed) return;
      closed = true;
      await knex.destroy();
    },
  };
}
