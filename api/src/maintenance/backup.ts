import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Config } from '@kbs/core';

/** PostgreSQL client tools of the server's major version when installed (Debian), else whatever is on PATH. */
function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const bin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
  return fs.existsSync(path.join(bin, name)) ? path.join(bin, name) : name;
}

function run(command: string, args: string[], onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let tail = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-4000);
      for (const line of chunk.split('\n')) if (line.trim()) onLine(line.trim());
    });
    child.on('error', (error) => reject(new Error(`${command}: ${error.message} (install postgresql-client-15)`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} exited with ${code}: ${tail.trim().split('\n').slice(-3).join(' | ')}`))));
  });
}

/**
 * One file holds the whole database: `pg_dump --format=custom` of a server, or the embedded engine's
 * data folder as PGlite dumps it (a gzip tarball). Written to a temporary name and renamed, so a
 * failed backup never leaves a file that looks complete.
 */
export async function backupDatabase(config: Config, file: string, progress: (line: string) => void): Promise<void> {
  const partial = `${file}.partial`;
  try {
    if (config.databaseUrl) {
      await run(pgTool('pg_dump'), ['--format=custom', '--verbose', `--file=${partial}`, `--dbname=${config.databaseUrl}`], progress);
    } else {
      const db = await openDatabase({ databaseUrl: null, dataDir: config.dataDir });
      try {
        progress(`dumping the embedded database in ${config.dataDir}`);
        fs.writeFileSync(partial, Buffer.from(await (await db.snapshot!()).arrayBuffer()));
      } finally {
        await db.close();
      }
    }
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

export class RestoreRefusedError extends Error {}

/**
 * Restores a backup of the same engine. A server database must be empty (no tables outside the system
 * schemas) unless `force`, which restores over it with --clean; an embedded data folder that holds a
 * database is moved aside (never deleted) when `force`, refused otherwise.
 */
export async function restoreDatabase(config: Config, file: string, options: { force: boolean }, progress: (line: string) => void): Promise<void> {
  if (!fs.existsSync(file)) throw new RestoreRefusedError(`${file}: no such file`);
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 5, 0);
  fs.closeSync(fd);
  const isPgDump = head.toString('latin1') === 'PGDMP';
  const isGzip = head[0] === 0x1f && head[1] === 0x8b;
  if (config.databaseUrl) {
    if (!isPgDump) throw new RestoreRefusedError(`${file} is not a pg_dump custom-format backup (an embedded backup restores only into the embedded engine)`);
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: null, poolMax: 1 });
    let tables: number;
    try {
      const { rows } = await db.knex.raw<{ rows: { n: number }[] }>(
        "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'spatial_ref_sys'");
      tables = rows[0]!.n;
    } finally {
      await db.close();
    }
    if (tables > 0 && !options.force) throw new RestoreRefusedError(`the database holds ${tables} tables; restore into an empty database, or pass --force to replace them`);
    const args = ['--verbose', '--no-owner', '--exit-on-error', `--dbname=${config.databaseUrl}`];
    if (tables > 0) args.push('--clean', '--if-exists');
    await run(pgTool('pg_restore'), [...args, file], progress);
    return;
  }
  if (!isGzip) throw new RestoreRefusedError(`${file} is not an embedded-engine backup (a pg_dump backup restores only into a server: set DATABASE_URL)`);
  const folder = path.join(config.dataDir, 'pglite');
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) {
    if (!options.force) throw new RestoreRefusedError(`${folder} already holds a database; pass --force to move it aside and restore`);
    const aside = `${folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(folder, aside);
    progress(`moved the existing database to ${aside}`);
  }
  progress(`restoring into ${config.dataDir}`);
  const db = await openDatabase({ databaseUrl: null, dataDir: config.dataDir, snapshot: new Blob([fs.readFileSync(file)]) });
  await db.close();
}
