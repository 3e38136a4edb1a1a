/*
 * `npm run admin`: users, keys and the audit log from the command line, against each engine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines';
import { createServerDatabase, ROOT } from '../../../test/support/testDatabase';

describe.each(ENGINES)('the admin command line on the %s engine', (engine) => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-admin-cli-'));
    const server = engine === 'server' ? await createServerDatabase() : null;
    env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: server?.url ?? '', LOG_LEVEL: 'warn' };
    cleanup = async () => {
      await server?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(async () => cleanup?.());

  const admin = (args: string[], input?: string) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'api/src/accounts/cli.ts'), ...args], { cwd: ROOT, env, encoding: 'utf8', input: input ?? '' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  // Each command opens the database; the embedded engine's start (~10 s under load) makes one run enough there.
  it.runIf(engine === 'embedded')('creates a user on the embedded engine', () => {
    const added = admin(['user', 'add', 'ayse', '--role', 'admin', '--name', 'Ayşe Yılmaz'], 'uzun-bir-parola-2026\n');
    expect([added.status, added.stdout.trim(), added.stderr]).toEqual([0, '✓ ayse (admin)', '']);
  }, 120_000);

  it.runIf(engine === 'server')('adds users, issues and revokes keys, and exports the audit log', () => {
    const added = admin(['user', 'add', 'ayse', '--role', 'admin', '--name', 'Ayşe Yılmaz'], 'uzun-bir-parola-2026\n');
    expect(added.stderr).toBe('');
    expect([added.status, added.stdout.trim()]).toEqual([0, '✓ ayse (admin)']);
    expect(admin(['user', 'add', 'kisa', '--role', 'viewer'], 'kisa\n')).toMatchObject({ status: 2, stderr: expect.stringMatching(/at least 12 characters/) });
    expect(admin(['user', 'add', 'bob', '--role', 'wizard'], 'uzun-bir-parola-2026\n')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--role must be one of admin, publisher/) });
    expect(admin(['user', 'add', 'ayse', '--role', 'viewer'], 'uzun-bir-parola-2026\n')).toMatchObject({ status: 2, stderr: expect.stringMatching(/already a user "ayse"/) });
    expect(admin(['key', 'create', '--name', 'x', '--role', 'viewer', '--colour', 'red'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/Unknown option '--colour'/) });

    const created = admin(['key', 'create', '--name', 'Zabıta mobil', '--role', 'viewer', '--days', '30', '--actions', 'read']);
    expect(created.status).toBe(0);
    const key = created.stdout.trim();
    const match = /^kbs_([a-z0-9]{10})_[A-Za-z0-9_-]{43}$/.exec(key);
    expect(match, created.stdout).not.toBeNull();
    const prefix = match![1]!;
    const listed = admin(['key', 'list']);
    expect(listed.stdout).toContain(prefix);
    expect(listed.stdout).toContain('Zabıta mobil');
    expect(listed.stdout).not.toContain(key.slice(15));
    expect(admin(['key', 'revoke', prefix])).toMatchObject({ status: 0, stdout: `✓ revoked ${prefix}\n` });
    expect(admin(['key', 'revoke', prefix])).toMatchObject({ status: 2, stderr: expect.stringMatching(/no live key/) });

    const audit = admin(['audit', '--csv']);
    expect(audit.status).toBe(0);
    const rows = audit.stdout.replace(/^\ufeff/, '').trim().split('\n').slice(1).map((line) => line.split(','));
    const actor = `cli:${os.userInfo().username}`;
    expect(rows.map((r) => [r[2], r[3], r[4]]).reverse()).toEqual([
      [actor, 'user-create', 'user:ayse'],
      [actor, 'key-create', `key:${prefix}`],
      [actor, 'key-revoke', `key:${prefix}`],
    ]);
  }, 120_000);
});
