import os from 'node:os';
import { parseArgs } from 'node:util';
import { AppError, ConfigError, loadConfig, migrateToLatest, openDatabase, recordAudit, type Database } from '@kbs/core';
import { migrations } from '@kbs/migrations';
import { createApiKey, listApiKeys, revokeApiKey } from '../access/apiKeys';
import { ACTIONS, STAFF_ROLES, type Action, type StaffRole } from '../access/permissions';
import { createUser, listUsers, updateUser, type UserChanges } from '../access/users';
import { auditCsv, queryAudit } from './auditQuery';

const USAGE = `Kullanım / usage: pnpm admin <command>
  user add <username> --role <role> [--name "Ad Soyad"] [--datasets a,b]   password from standard input
  user set <username> [--role <role>] [--datasets a,b] [--disable|--enable] [--password]   (--password: from standard input)
  user list
  key create --name <name> --role <role> [--datasets a,b] [--actions upload,read] [--days 365]   prints the key once
  key list
  key revoke <prefix>
  audit [--since 2026-01-01T00:00:00Z] [--action sign-in] [--actor user:ayse] [--csv]
Roles: ${STAFF_ROLES.join(', ')}. Actions: ${ACTIONS.join(', ')}.
The database is DATABASE_URL, or the embedded one under DATA_DIR (default ./.data; stop the server first).`;

class UsageError extends Error {}

const ACTOR = `cli:${os.userInfo().username}`;

function role(value: string | undefined, required: boolean): StaffRole | undefined {
  if (value === undefined && !required) return undefined;
  if (!STAFF_ROLES.includes(value as StaffRole)) throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')}`);
  return value as StaffRole;
}

const list = (value: string | undefined) => (value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean));

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('pipe the password on standard input, e.g. `read -s P; echo "$P" | pnpm admin user add …`');
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, '');
}

function table(rows: Record<string, unknown>[]): void {
  console.table(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v instanceof Date ? v.toISOString() : v]))));
}

const OPTIONS = {
  role: { type: 'string' }, name: { type: 'string' }, datasets: { type: 'string' }, actions: { type: 'string' }, days: { type: 'string' },
  disable: { type: 'boolean' }, enable: { type: 'boolean' }, password: { type: 'boolean' },
  since: { type: 'string' }, action: { type: 'string' }, actor: { type: 'string' }, csv: { type: 'boolean' },
} as const;

type Parsed = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;

async function run(db: Database, { values, positionals }: Parsed): Promise<void> {
  const [noun, verb, target] = positionals;
  const { knex } = db;
  if (noun === 'user' && verb === 'add' && target) {
    const user = await createUser(knex, { username: target, display_name: values.name ?? target, role: role(values.role, true)!, datasets: list(values.datasets) ?? [], password: await readPassword() });
    await recordAudit(knex, { actor: ACTOR, action: 'user-create', target: `user:${user.username}`, details: { after: user } });
    console.log(`✓ ${user.username} (${user.role})`);
  } else if (noun === 'user' && verb === 'set' && target) {
    const changes: UserChanges = {};
    if (values.role) changes.role = role(values.role, true);
    if (values.datasets !== undefined) changes.datasets = list(values.datasets);
    if (values.disable || values.enable) changes.disabled = Boolean(values.disable);
    if (values.password) changes.password = await readPassword();
    if (Object.keys(changes).length === 0) throw new UsageError('nothing to change');
    const changed = await updateUser(knex, target, changes);
    if (!changed) throw new UsageError(`there is no user "${target}"`);
    await recordAudit(knex, { actor: ACTOR, action: 'user-update', target: `user:${target}`, details: { before: changed.before, after: changed.after } });
    console.log(`✓ ${target}`);
  } else if (noun === 'user' && verb === 'list') {
    table(await listUsers(knex) as unknown as Record<string, unknown>[]);
  } else if (noun === 'key' && verb === 'create') {
    if (!values.name) throw new UsageError('--name is required');
    const actions = list(values.actions) ?? [];
    const unknown = actions.filter((a) => !ACTIONS.includes(a as Action));
    if (unknown.length) throw new UsageError(`unknown actions: ${unknown.join(', ')}`);
    const days = Number(values.days ?? 365);
    if (!Number.isInteger(days) || days < 1 || days > 730) throw new UsageError('--days must be a whole number from 1 to 730');
    const { key, apiKey } = await createApiKey(knex, { name: values.name, role: role(values.role, true)!, datasets: list(values.datasets) ?? [], actions: actions as Action[], expiresInDays: days, createdBy: ACTOR });
    await recordAudit(knex, { actor: ACTOR, action: 'key-create', target: `key:${apiKey.prefix}`, details: { after: apiKey } });
    console.error(`✓ key ${apiKey.prefix} for ${apiKey.name}, ${apiKey.role}, until ${new Date(apiKey.expires_at).toISOString().slice(0, 10)}. It is shown only now:`);
    console.log(key);
  } else if (noun === 'key' && verb === 'list') {
    table(await listApiKeys(knex) as unknown as Record<string, unknown>[]);
  } else if (noun === 'key' && verb === 'revoke' && target) {
    const revoked = await revokeApiKey(knex, target);
    if (!revoked) throw new UsageError(`there is no live key ${target}`);
    await recordAudit(knex, { actor: ACTOR, action: 'key-revoke', target: `key:${target}`, details: { after: revoked } });
    console.log(`✓ revoked ${target}`);
  } else if (noun === 'audit') {
    const query = { ...(values.since ? { from: values.since } : {}), ...(values.action ? { action: values.action } : {}), ...(values.actor ? { actor: values.actor } : {}) };
    if (values.csv) for await (const line of auditCsv(knex, query)) process.stdout.write(line);
    else table(await queryAudit(knex, { ...query, limit: 1000 }));
  } else {
    throw new UsageError(USAGE);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    process.exitCode = argv.length === 0 ? 2 : 0;
    return;
  }
  // Flags are checked before the database is opened, so a typo fails at once.
  const parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db.knex, migrations);
    await run(db, parsed);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) error = new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof AppError) console.error(error instanceof AppError ? error.detail : error.message);
  else console.error(error);
  process.exitCode = error instanceof UsageError || error instanceof AppError ? 2 : 1;
});
