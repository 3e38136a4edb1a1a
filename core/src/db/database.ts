import type { Knex } from 'knex';

export type Engine = 'embedded' | 'server';

/** One small interface over both engines: the rest of the code sees knex on the `pg` driver either way. */
export interface Database {
  readonly engine: Engine;
  readonly knex: Knex;
  /** PostGIS version string, e.g. "3.6 USE_GEOS=1 USE_PROJ=1 USE_STATS=1". */
  postgisVersion(): Promise<string>;
  /** Embedded engine only: a gzip dump of the data folder (fast test starts, backups). */
  snapshot?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL of a real PostgreSQL + PostGIS; null selects the embedded engine. */
  databaseUrl: string | null;
  /** Folder the embedded engine persists into; null keeps it in memory. */
  dataDir: string | null;
  /** A `dumpDataDir()` snapshot to start the embedded engine from (tests start in ~2 s this way). */
  snapshot?: Blob;
  /** Pool size for the server engine. */
  poolMax?: number;
  /** Server engine: PostgreSQL cancels any statement running longer (the API sets it; the ETL command line does not). */
  statementTimeoutMs?: number;
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`The embedded database in ${dataDir} is in use by process ${pid}; stop it first (or use DATABASE_URL for a server that several processes can share).`);
    this.name = 'DataDirInUseError';
  }
}
