import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import knexFactory from 'knex';
import { DataDirInUseError, type Database, type OpenDatabaseOptions } from './database';
import './types';

const SOCKET_PORT = 5432;

/**
 * Embedded PostGIS: PGlite in this process, reached through pglite-socket on a private Unix socket, so
 * knex runs on the ordinary `pg` driver exactly as against a real server. The pool holds ONE connection:
 * PGlite is single-session, and more than one socket connection was seen to lose prepared statements.
 * Concurrent requests therefore queue in knex's pool; keep transactions short.
 */
export async function openEmbeddedDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const dataDir = options.dataDir ? path.join(options.dataDir, 'pglite') : undefined;
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = dataDir ? lockDataDir(options.dataDir!) : () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.snapshot ? { loadDataDir: options.snapshot } : {}),
      extensions: { postgis },
    });
    await pglite.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (error) {
    releaseLock();
    throw error;
  }

  // Unix socket paths are limited to ~107 bytes, so the socket lives in a short temp folder.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-'));
  const server = new PGLiteSocketServer({
    db: pglite,
    path: path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
    maxConnections: 1,
  });
  await server.start();

  const knex = knexFactory({
    client: 'pg',
    connection: { host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' },
    pool: { min: 1, max: 1 },
    acquireConnectionTimeout: 120_000,
  });

  let closed = false;
  return {
    engine: 'embedded',
    knex,
    async postgisVersion() {
      const result = await knex.raw<{ rows: { v: string }[] }>('SELECT postgis_version() AS v');
      return result.rows[0]!.v;
    },
    async snapshot() {
      return pglite.dumpDataDir('gzip');
    },
    async close() {
      if (closed) return;
      closed = true;
      await knex.destroy();
      await server.stop();
      await pglite.close();
      fs.rmSync(socketDir, { recursive: true, force: true });
      releaseLock();
    },
  };
}


function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite's files must never be opened by two processes: a pid lock file guards the data folder. */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'pglite.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(holder) && holder !== process.pid && processAlive(holder)) throw new DataDirInUseError(dataDir, holder);
      fs.rmSync(lockFile, { force: true }); // left by a process that died
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
