import type { Knex } from 'knex';
import { conflict, invalidParameter } from '@kbs/core';
import { DUMMY_HASH, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords';
import type { StaffRole } from './permissions';

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: StaffRole;
  datasets: string[];
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface UserChanges {
  display_name?: string;
  role?: StaffRole;
  datasets?: string[];
  disabled?: boolean;
  password?: string;
}

const PUBLIC_COLUMNS = ['id', 'username', 'display_name', 'role', 'datasets', 'disabled', 'created_at', 'updated_at'];

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw invalidParameter('password', `password must have at least ${MIN_PASSWORD_LENGTH} characters`);
}

export async function listUsers(knex: Knex): Promise<User[]> {
  return knex('auth.users').select(PUBLIC_COLUMNS).orderBy('username');
}

export async function findUser(knex: Knex, username: string): Promise<User | undefined> {
  return knex('auth.users').select(PUBLIC_COLUMNS).where({ username }).first();
}

export async function createUser(knex: Knex, user: { username: string; display_name: string; role: StaffRole; datasets?: string[]; password: string }): Promise<User> {
  checkPassword(user.password);
  if (await findUser(knex, user.username)) throw conflict(`There is already a user "${user.username}".`, 'username');
  const [created] = await knex('auth.users')
    .insert({ username: user.username, display_name: user.display_name, role: user.role, datasets: user.datasets ?? [], password_hash: await hashPassword(user.password) })
    .returning(PUBLIC_COLUMNS);
  return created as User;
}

/** Applies changes and returns the user before and after (for the audit log); a disabled user's sessions end. */
export async function updateUser(knex: Knex, username: string, changes: UserChanges): Promise<{ before: User; after: User } | null> {
  const before = await findUser(knex, username);
  if (!before) return null;
  const { password, ...fields } = changes;
  const update: Record<string, unknown> = { ...fields, updated_at: knex.fn.now() };
  if (password !== undefined) {
    checkPassword(password);
    update.password_hash = await hashPassword(password);
  }
  const [after] = await knex('auth.users').where({ id: before.id }).update(update).returning(PUBLIC_COLUMNS);
  if (changes.disabled || password !== undefined || changes.role) await knex('auth.sessions').where({ user_id: before.id }).delete();
  return { before, after: after as User };
}

/** The user for a name and password, or null; as slow for an unknown name as for a wrong password. */
export async function authenticate(knex: Knex, username: string, password: string): Promise<User | null> {
  const row = await knex('auth.users').select([...PUBLIC_COLUMNS, 'password_hash']).where({ username }).first();
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok || row.disabled) return null;
  delete row.password_hash;
  return row as User;
}
