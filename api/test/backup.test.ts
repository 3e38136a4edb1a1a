/*
 * Backup and restore round trip through the commands themselves, on each engine: a checksum of every
 * table (all schemas: catalog, data partitions, auth, audit) is the same after restoring into an
 * empty database; restoring over a database that is not empty is refused without --force.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@kbs/core';
import { ENGINES } from '../../test/support/engines';
import { createServerDatabase, embeddedSnapshot, ROOT, serverUrl } from '../../test/support/testDatabase';

async function tableChecksums(knex: Knex): Promise<Record<string, string>> {
  const { rows: tables } = await knex.raw<{ rows: { s: string; t: string }[] }>(
    "SELECT schemaname AS s, tablename AS t FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2");
  const sums: Record<string, string> = {};
  for (const { s, t } of tables) {
    const { rows } = await knex.raw<{ rows: { n: number; sum: string | null }[] }>('SELECT count(*)::int AS n, md5(string_agg(x::text, \'|\' ORDER BY x::text)) AS sum FROM ??.?? x', [s, t]);
    sums[`${s}.${t}`] = `${rows[0]!.n}:${rows[0]!.sum}`;
  }
  return sums;
}

function command(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'api/src/maintenance/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.each(ENGINES)('backup and restore on the %s engine', (engine) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-backup-'));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores every table to the same checksum, and refuses to overwrite without --force', async () => {
    const file = path.join(dir, engine === 'server' ? 'kbs.dump' : 'kbs.tar.gz');
    let sourceEnv: NodeJS.ProcessEnv;
    let targetEnv: NodeJS.ProcessEnv;
    let before: Record<string, string>;
    if (engine === 'server') {
      const source = await createServerDatabase();
      cleanups.push(() => source.drop());
      const name = `kbs_restore_${process.pid}`;
      const admin = knexFactory({ client: 'pg', connection: serverUrl('postgres'), pool: { min: 0, max: 1 } });
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await admin.raw('CREATE DATABASE ??', [name]);
      await admin.destroy();
      cleanups.push(async () => {
        const a = knexFactory({ client: 'pg', connection: serverUrl('postgres'), pool: { min: 0, max: 1 } });
        await a.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
        await a.destroy();
      });
      sourceEnv = { DATABASE_URL: source.url };
      targetEnv = { DATABASE_URL: serverUrl(name) };
      const db = await openDatabase({ databaseUrl: source.url, dataDir: null });
      await db.knex('audit.log').insert({ actor: 'test', action: 'sign-in' });
      before = await tableChecksums(db.knex);
      await db.close();
    } else {
      const sourceDir = path.join(dir, 'source');
      const db = await openDatabase({ databaseUrl: null, dataDir: sourceDir, snapshot: embeddedSnapshot() });
      await db.knex('audit.log').insert({ actor: 'test', action: 'sign-in' });
      before = await tableChecksums(db.knex);
      await db.close();
      sourceEnv = { DATA_DIR: sourceDir, DATABASE_URL: '' };
      targetEnv = { DATA_DIR: path.join(dir, 'target'), DATABASE_URL: '' };
    }
    expect(Object.keys(before).length).toBeGreaterThan(15);
    expect(before['audit.log']).toMatch(/^1:/);

    const backup = command(['backup', file], sourceEnv);
    expect(backup.status, backup.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(100_000);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const restore = command(['restore', file], targetEnv);
    expect(restore.status, restore.stderr).toBe(0);
    const target = await openDatabase({ databaseUrl: targetEnv.DATABASE_URL || null, dataDir: targetEnv.DATA_DIR ?? null });
    const after = await tableChecksums(target.knex);
    await target.close();
    expect(after).toEqual(before);

    const again = command(['restore', file], targetEnv);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/--force/);
    const wrongKind = command(['restore', path.join(ROOT, 'package.json')], targetEnv);
    expect(wrongKind.status).toBe(2);
    expect(wrongKind.stderr).toMatch(/is not a/);
    for (const args of [['backup'], ['restore', file, '--overwrite'], ['copy', file]]) {
      const usage = command(args, targetEnv);
      expect([usage.status, usage.stderr.includes('usage')], args.join(' ')).toEqual([2, true]);
    }
    expect(command(['restore', path.join(dir, 'missing.dump')], targetEnv)).toMatchObject({ status: 2, stderr: expect.stringMatching(/no such file/) });
  }, 600_000);
});
